"""Passing a question to the scholars with consent, and saying their answer later."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.answer import ActionAnswer
from actions.scholar import ActionAskScholar, ActionScholarAnswered
from bot.dialogue.services import Services, Store
from bot.retrieval.knowledge_search import Decision
from bot.store.models import ReviewQuestion
from tests.actions.conftest import make_tracker
from tests.dialogue.fakes import FakeSearcher


def rows(store: Store) -> list[tuple[Any, ...]]:
    with store.sessions() as session:
        found = session.scalars(select(ReviewQuestion).order_by(ReviewQuestion.id))
        return [(q.pseudonym, q.kind, q.notify_opt_in, q.channel) for q in found]


async def test_yes_after_an_out_of_scope_reply_passes_that_question_on_too(
    services: Services, store: Store, searcher: FakeSearcher, domain: dict[str, Any]
) -> None:
    """Kept apart from the gaps while unasked, it reaches the scholars once the asker says yes."""
    searcher.decision = Decision("abstain", [], "en", "worship-prayer")
    events = await ActionAnswer().run(CollectingDispatcher(), make_tracker("question_en"), domain)
    assert rows(store) == [("pseudo-7f3a9c", "out_of_scope", False, "web")]
    last_question = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    yes = make_tracker(
        "question_en", slots=last_question,
        latest_message={"text": "/ask_scholar", "intent": {"name": "ask_scholar"}},
    )  # fmt: skip
    await ActionAskScholar().run(CollectingDispatcher(), yes, domain)
    assert rows(store) == [("pseudo-7f3a9c", "ask_scholar", True, "web")]


async def test_yes_after_an_abstention_passes_that_question_on_with_consent(
    services: Services, store: Store, searcher: FakeSearcher, domain: dict[str, Any]
) -> None:
    searcher.decision = Decision("abstain", [], "en")
    question = make_tracker("question_en")
    events = await ActionAnswer().run(CollectingDispatcher(), question, domain)
    assert rows(store) == [("pseudo-7f3a9c", "abstained", False, "web")]

    last_question = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    dispatcher = CollectingDispatcher()
    yes = make_tracker(
        "question_en", slots=last_question,
        latest_message={"text": "/ask_scholar", "intent": {"name": "ask_scholar"}},
    )  # fmt: skip
    await ActionAskScholar().run(dispatcher, yes, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_scholar_queued"]  # web
    assert rows(store) == [("pseudo-7f3a9c", "ask_scholar", True, "web")]  # one row, upgraded


async def test_the_scholars_answer_is_said_in_the_conversations_language(
    services: Services, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    notice = make_tracker(
        "question_ar",
        latest_message={"text": "EXTERNAL: EXTERNAL_scholar_answered",
                        "intent": {"name": "EXTERNAL_scholar_answered"},
                        "entities": [{"entity": "entry_id", "value": "takfir"}]},
    )  # fmt: skip
    events = await ActionScholarAnswered().run(dispatcher, notice, domain)
    intro, answer, *_, feedback = dispatcher.messages
    assert intro["response"] == "utter_scholar_answered"
    assert "إجابة عربية عن takfir." in answer["text"]
    assert feedback["response"] == "utter_ask_feedback"
    assert {
        "event": "slot",
        "name": "last_entry_id",
        "value": "takfir",
        "timestamp": None,
    } in events


async def test_an_unknown_or_missing_entry_says_nothing(
    services: Services, domain: dict[str, Any]
) -> None:
    for entities in ([], [{"entity": "entry_id", "value": "no-such-entry"}]):
        dispatcher = CollectingDispatcher()
        notice = make_tracker(
            "question_en",
            latest_message={"intent": {"name": "EXTERNAL_scholar_answered"}, "entities": entities},
        )
        assert await ActionScholarAnswered().run(dispatcher, notice, domain) == []
        assert dispatcher.messages == []
