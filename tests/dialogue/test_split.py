from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.dialogue.split import limit_for, split_message


def test_short_text_is_one_part() -> None:
    assert split_message("Hello.", 100) == ["Hello."]
    assert split_message("  ", 100) == []


def test_cuts_at_sentence_boundaries_in_both_scripts() -> None:
    text = "First sentence here. Second one here! " * 5 + "هل هذا سؤال؟ نعم هذا سؤال."
    parts = split_message(text, 60)
    assert all(len(part) <= 60 for part in parts)
    assert all(part.endswith((".", "!", "؟")) for part in parts)


def test_paragraphs_stay_whole_when_they_fit() -> None:
    text = "A" * 50 + ".\n\n" + "B" * 50 + "."
    assert split_message(text, 60) == ["A" * 50 + ".", "B" * 50 + "."]


def test_channel_limits() -> None:
    assert limit_for("telegram") == 4096
    assert limit_for("web") == limit_for(None) == 1000


@given(st.text(min_size=1, max_size=3000), st.integers(min_value=20, max_value=500))
def test_every_part_fits_and_no_word_is_lost(text: str, limit: int) -> None:
    parts = split_message(text, limit)
    assert all(0 < len(part) <= limit for part in parts)
    assert "".join("".join(parts).split()) == "".join(text.split())
