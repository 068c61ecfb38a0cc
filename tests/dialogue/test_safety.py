from __future__ import annotations

from bot.dialogue.safety import NO_HELPLINES, crisis_suspected, helplines_text
from tests.dialogue.fakes import make_knowledge


def test_country_lines_come_before_international_ones() -> None:
    text = helplines_text(make_knowledge().helplines, "eg", "en")
    assert text.splitlines() == ["• Egypt line — +20 1 — 24/7", "• World line — https://w.example"]


def test_unknown_country_gets_international_lines_and_nothing_loaded_gets_emergency() -> None:
    assert helplines_text(make_knowledge().helplines, None, "ar") == "• خط دولي — https://w.example"
    assert helplines_text((), "EG", "ar") == NO_HELPLINES["ar"]


def test_crisis_suspected_in_the_two_best_intents_only() -> None:
    ranking = [{"name": "nlu_fallback"}, {"name": "ask_question"}, {"name": "crisis"}]
    assert crisis_suspected(ranking)
    assert not crisis_suspected([{"name": "greet"}, {"name": "thanks"}, {"name": "crisis"}])
