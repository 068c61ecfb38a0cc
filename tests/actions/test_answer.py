from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.answer import ActionAnswer, ActionFallbackRetrieval
from bot.analytics.models import AnalyticsEvent
from bot.dialogue.services import Services, Store
from bot.retrieval.knowledge_search import Candidate, Decision
from bot.store.models import ReviewQuestion
from tests.actions.conftest import make_tracker
from tests.dialogue.fakes import FakeSearcher


def slots_set(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def analytics_rows(store: Store) -> list[tuple[Any, ...]]:
    with store.sessions() as session:
        rows = session.scalars(select(AnalyticsEvent).order_by(AnalyticsEvent.id))
        return [(r.kind, r.entry_id, r.language, r.channel) for r in rows]


async def test_english_answer_has_text_references_and_feedback_buttons(
    services: Services, store: Store, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(dispatcher, make_tracker("question_en"), domain)
    texts = [m["text"] for m in dispatcher.messages if m.get("text")]
    assert "English answer on takfir." in texts[0]
    assert any("Qur'an 5:32" in t and "Sahih al-Bukhari 3015" in t for t in texts)
    feedback = dispatcher.messages[-1]
    assert feedback["response"] == "utter_ask_feedback"
    assert [b["payload"] for b in feedback["buttons"]] == [
        '/feedback_helpful{"entry_id": "takfir"}',
        '/feedback_not_helpful{"entry_id": "takfir"}',
    ]
    assert slots_set(events) == {"last_question": "Is it allowed to call a muslim a kafir?",
                                 "last_entry_id": "takfir"}  # fmt: skip
    assert analytics_rows(store) == [("answer", "takfir", "en", "web")]


async def test_first_contact_in_arabic_discloses_the_bot_then_answers_in_arabic(
    services: Services, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(dispatcher, make_tracker("question_ar"), domain)
    assert dispatcher.messages[0]["response"] == "utter_disclosure_short"
    assert "إجابة عربية عن takfir." in dispatcher.messages[1]["text"]
    assert any("سورة المائدة" in (m.get("text") or "") for m in dispatcher.messages)
    assert slots_set(events)["welcomed"] is True


async def test_close_candidates_become_did_you_mean_buttons(
    services: Services, searcher: FakeSearcher, domain: dict[str, Any]
) -> None:
    searcher.decision = Decision(
        "clarify", [Candidate("takfir", 0.6), Candidate("apostasy", 0.58)], "en"
    )
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(dispatcher, make_tracker("question_en"), domain)
    (message,) = dispatcher.messages
    assert message["response"] == "utter_did_you_mean"
    assert [b["payload"] for b in message["buttons"]] == [
        '/ask_question{"entry_id": "takfir"}', '/ask_question{"entry_id": "apostasy"}',
    ]  # fmt: skip
    assert message["buttons"][0]["title"] == "What about takfir?"
    assert "last_entry_id" not in slots_set(events)


async def test_a_did_you_mean_button_answers_that_entry_without_searching(
    services: Services, searcher: FakeSearcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        "question_en",
        latest_message={"text": '/ask_question{"entry_id": "apostasy"}',
                        "entities": [{"entity": "entry_id", "value": "apostasy"}]},
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(dispatcher, tracker, domain)
    assert searcher.asked == []
    assert "English answer on apostasy." in dispatcher.messages[0]["text"]
    assert slots_set(events)["last_entry_id"] == "apostasy"


async def test_abstention_is_honest_queued_for_the_scholars_and_counted(
    services: Services, store: Store, searcher: FakeSearcher, domain: dict[str, Any]
) -> None:
    searcher.decision = Decision("abstain", [Candidate("takfir", 0.1)], "en")
    dispatcher = CollectingDispatcher()
    await ActionAnswer().run(dispatcher, make_tracker("question_en"), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_abstain"]
    with store.sessions() as session:
        (row,) = session.scalars(select(ReviewQuestion))
        queued = (row.pseudonym, row.text, row.language, row.channel, row.kind, row.candidates)
    assert queued == (
        "pseudo-7f3a9c", "Is it allowed to call a muslim a kafir?", "en", "web", "abstained", "takfir"
    )  # fmt: skip
    assert analytics_rows(store) == [("abstention", None, "en", "web")]


async def test_an_out_of_scope_question_is_told_so_and_queued_apart(
    services: Services, store: Store, searcher: FakeSearcher, domain: dict[str, Any]
) -> None:
    searcher.decision = Decision("abstain", [Candidate("takfir", 0.1)], "en", "worship-prayer")
    dispatcher = CollectingDispatcher()
    await ActionAnswer().run(dispatcher, make_tracker("question_en"), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_abstain_out_of_scope"]
    with store.sessions() as session:
        assert [row.kind for row in session.scalars(select(ReviewQuestion))] == ["out_of_scope"]


async def test_an_abstention_is_still_said_when_the_database_is_not_there(
    services: Services, unmigrated_database: None, searcher: FakeSearcher, domain: dict[str, Any]
) -> None:
    searcher.decision = Decision("abstain", [], "en")
    dispatcher = CollectingDispatcher()
    await ActionAnswer().run(dispatcher, make_tracker("question_en"), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_abstain"]


async def test_low_confidence_tries_strict_retrieval_first(
    services: Services, searcher: FakeSearcher, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionFallbackRetrieval().run(dispatcher, make_tracker("question_en"), domain)
    assert searcher.asked == [("Is it allowed to call a muslim a kafir?", True)]
    assert "English answer on takfir." in dispatcher.messages[0]["text"]


async def test_low_confidence_without_a_sure_answer_asks_to_rephrase(
    services: Services, searcher: FakeSearcher, domain: dict[str, Any]
) -> None:
    searcher.decision = Decision("abstain", [], "en")
    dispatcher = CollectingDispatcher()
    await ActionFallbackRetrieval().run(dispatcher, make_tracker("question_en"), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_default"]


async def test_low_confidence_crisis_goes_to_the_crisis_response(
    services: Services, searcher: FakeSearcher, domain: dict[str, Any]
) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "ask_question", "confidence": 0.3},
               {"name": "crisis", "confidence": 0.28}]  # fmt: skip
    tracker = make_tracker("question_en", latest_message={"intent_ranking": ranking})
    events = await ActionFallbackRetrieval().run(CollectingDispatcher(), tracker, domain)
    assert events == [{"event": "followup", "name": "action_crisis", "timestamp": None}]
    assert searcher.asked == []
