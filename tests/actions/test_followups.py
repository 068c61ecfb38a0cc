from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.followups import ActionFeedback, ActionMore, ActionSources
from bot.analytics.models import AnalyticsEvent
from bot.dialogue.services import Services, Store
from tests.actions.conftest import make_tracker


async def test_more_offers_related_servable_entries(
    services: Services, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("question_ar", slots={"last_entry_id": "takfir"})
    await ActionMore().run(dispatcher, tracker, domain)
    (message,) = dispatcher.messages
    assert message["response"] == "utter_related_intro"
    assert message["buttons"] == [
        {"title": "ما حكم apostasy؟", "payload": '/ask_question{"entry_id": "apostasy"}'}
    ]


async def test_more_before_any_answer(services: Services, domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    await ActionMore().run(dispatcher, make_tracker("question_en"), domain)
    assert dispatcher.messages[0]["response"] == "utter_no_last_answer"


async def test_sources_lists_the_last_answers_references(
    services: Services, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionSources().run(
        dispatcher, make_tracker("question_en", slots={"last_entry_id": "takfir"}), domain
    )
    assert dispatcher.messages[0]["response"] == "utter_sources_intro"
    assert "Qur'an 5:32 (Al-Ma'idah)" in dispatcher.messages[1]["text"]


async def test_feedback_is_counted_for_the_entry_in_the_payload_without_the_sender(
    services: Services, store: Store, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        "question_en",
        slots={"last_entry_id": "takfir"},
        latest_message={"intent": {"name": "feedback_not_helpful"},
                        "entities": [{"entity": "entry_id", "value": "apostasy"}]},
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    await ActionFeedback().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_feedback_not_helpful"
    with store.sessions() as session:
        rows = [(e.kind, e.entry_id, e.helpful, e.language, e.channel)
                for e in session.scalars(select(AnalyticsEvent))]  # fmt: skip
    assert rows == [("feedback", "apostasy", False, "en", "web")]
    assert "pseudonym" not in AnalyticsEvent.__table__.columns
