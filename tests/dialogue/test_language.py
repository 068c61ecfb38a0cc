from __future__ import annotations

import pytest

from bot.dialogue.language import choose_language, decisive_language, requested_language


def choose(text: str, **kwargs: object) -> tuple[str | None, str | None]:
    defaults: dict[str, object] = {
        "intent": None,
        "metadata_lang": None,
        "previous": None,
        "preferred": None,
    }
    return choose_language(text, **(defaults | kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("هل يجوز قتل المدنيين؟", "ar"), ("is killing civilians allowed", "en"), ("ok", None),
     ("👍", None), ("/affirm", None), ("شكرا", None)],
)  # fmt: skip
def test_only_a_long_enough_message_decides(text: str, expected: str | None) -> None:
    assert decisive_language(text) == expected


def test_an_arabic_question_after_english_switches_to_arabic() -> None:
    assert choose("ما معنى الجهاد في الإسلام", previous="en") == ("ar", None)


def test_neutral_message_keeps_the_previous_language() -> None:
    assert choose("ok", previous="ar") == ("ar", None)
    assert choose("👍", previous="en") == ("en", None)


def test_metadata_decides_a_neutral_message_before_the_previous_choice() -> None:
    assert choose("ok", metadata_lang="ar", previous="en") == ("ar", None)


def test_a_short_message_with_nothing_else_uses_its_script() -> None:
    assert choose("takfir?") == ("en", None)
    assert choose("تكفير؟") == ("ar", None)


def test_nothing_known_leaves_the_default() -> None:
    assert choose("🙂") == (None, None)


def test_switch_names_the_target_or_toggles() -> None:
    assert choose("english please", intent="switch_language", previous="ar") == ("en", "en")
    assert choose("غير اللغة", intent="switch_language", previous="ar") == ("en", "en")
    assert choose("change language", intent="switch_language", previous="en") == ("ar", "ar")
    assert requested_language("بالعربي لو سمحت") == "ar"
    assert choose("/switch_language", intent="switch_language", metadata_lang="ar") == ("en", "en")


def test_an_explicit_preference_wins_over_detection() -> None:
    assert choose("ما معنى الجهاد في الإسلام", preferred="en") == ("en", "en")
