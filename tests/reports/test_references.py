"""Reference numbers: the format people read out, unique in practice, forgiving lookups."""

from __future__ import annotations

import re

from bot.reports.references import REFERENCE_ALPHABET, canonical_reference, new_reference


def test_format_and_alphabet_without_ambiguous_letters() -> None:
    reference = new_reference()
    assert re.fullmatch(r"HW-[A-Z2-9]{8}", reference)
    assert not set("01OIL") & set(REFERENCE_ALPHABET)


def test_ten_thousand_references_do_not_collide() -> None:
    assert len({new_reference() for _ in range(10_000)}) == 10_000


def test_lookup_accepts_case_and_a_middle_dash() -> None:
    assert canonical_reference(" hw-abcd-efgh ") == "HW-ABCDEFGH"
    assert canonical_reference("HW-ABCDEFGH") == "HW-ABCDEFGH"
    assert canonical_reference("HW-ABCD0FGH") is None  # 0 is never issued
    assert canonical_reference("' OR 1=1 --") is None
