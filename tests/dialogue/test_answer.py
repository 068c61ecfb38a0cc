from __future__ import annotations

from bot.dialogue.answer import answer_entry, answer_question, intent_payload, related_buttons
from bot.dialogue.services import Services
from bot.retrieval.knowledge_search import Candidate, Decision
from tests.dialogue.fakes import FakeSearcher


def test_payloads_keep_arabic_readable() -> None:
    assert (
        intent_payload("ask_question", entry_id="takfir") == '/ask_question{"entry_id": "takfir"}'
    )
    assert intent_payload("deny") == "/deny"


def test_clarify_with_one_known_candidate_answers_it(
    services: Services, searcher: FakeSearcher
) -> None:
    searcher.decision = Decision(
        "clarify", [Candidate("takfir", 0.5), Candidate("gone", 0.49)], "en"
    )
    reply = answer_question(services, "q", "en", 1000)
    assert (reply.kind, reply.candidates) == ("clarify", ["takfir"])


def test_an_unknown_or_retired_entry_abstains(services: Services) -> None:
    assert answer_entry(services, "not-there", "en", 1000).kind == "abstain"
    assert answer_entry(services, "retired-one", "en", 1000).kind == "abstain"


def test_long_answers_are_split_under_the_limit(services: Services) -> None:
    reply = answer_entry(services, "takfir", "en", 30)
    assert len(reply.parts) > 2 and all(len(part) <= 30 for part in reply.parts)


def test_related_skips_entries_that_may_not_be_served(services: Services) -> None:
    assert [b.payload for b in related_buttons(services, "takfir", "en")] == [
        '/ask_question{"entry_id": "apostasy"}'
    ]
    assert related_buttons(services, None, "en") == []
