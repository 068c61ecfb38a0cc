"""Script-based language detection and answer-language choice."""

from __future__ import annotations

import pytest

from bot.retrieval.language import answer_language, detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هل الجهاد فرض؟", "ar"),
        ("is jihad obligatory?", "en"),
        ("هل ISIS على حق or not", "mixed"),
        ("هل داعش على حق يا جماعة ISIS", "ar"),
        ("123 ?!", "mixed"),
        ("", "mixed"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_answer_language_follows_the_majority_script() -> None:
    assert answer_language("هل ISIS على حق") == "ar"
    assert answer_language("is ISIS right يا أخي") == "en"


def test_answer_language_falls_back_without_letters() -> None:
    assert answer_language("???", fallback="ar") == "ar"
    assert answer_language("", fallback="en") == "en"
