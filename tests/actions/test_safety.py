from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.safety import ActionCrisis
from actions.scholar import ActionAskScholar
from bot.dialogue import services as services_module
from bot.dialogue.services import Services, Store
from bot.settings import Settings
from bot.store.models import ReviewQuestion
from tests.actions.conftest import make_tracker


def queued(store: Store) -> list[tuple[Any, ...]]:
    with store.sessions() as session:
        rows = session.scalars(select(ReviewQuestion).order_by(ReviewQuestion.id))
        return [(q.pseudonym, q.text, q.language, q.channel, q.kind) for q in rows]


async def test_crisis_lists_the_users_country_first_and_flags(
    services: Services, store: Store, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "question_ar", latest_message={"text": "بدي موت", "intent": {"name": "crisis"}}
    )
    events = await ActionCrisis().run(dispatcher, tracker, domain)
    crisis, offer = dispatcher.messages
    assert crisis["response"] == "utter_crisis"
    assert crisis["helplines"].splitlines()[0].startswith("• خط مصر — +20 1")
    assert "خط دولي" in crisis["helplines"]
    assert offer["response"] == "utter_crisis_offer_human"
    assert events == [{"event": "slot", "name": "crisis_flag", "value": True, "timestamp": None}]
    assert queued(store) == [("pseudo-2b81d0", "بدي موت", "ar", "telegram", "crisis")]


async def test_crisis_answers_even_when_the_knowledge_and_database_are_down(
    settings: Settings,
    unmigrated_database: None,
    domain: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken() -> Services:
        raise RuntimeError("index missing")

    monkeypatch.setattr("actions.safety.get_services", broken)
    dispatcher = CollectingDispatcher()
    await ActionCrisis().run(dispatcher, make_tracker("question_en"), domain)
    assert "emergency number" in dispatcher.messages[0]["helplines"]
    assert services_module._services is None


async def test_after_a_crisis_asking_for_a_person_is_queued_as_crisis(
    store: Store, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionAskScholar().run(
        dispatcher, make_tracker("question_en", slots={"crisis_flag": True}), domain
    )
    assert dispatcher.messages[0]["response"] == "utter_human_requested"
    assert [row[-1] for row in queued(store)] == ["crisis"]


async def test_ask_scholar_queues_the_last_question(store: Store, domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("question_ar", slots={"last_question": "هل الانتخابات حرام؟"})
    await ActionAskScholar().run(dispatcher, tracker, domain)
    keep_address, said = dispatcher.messages
    assert keep_address["custom"] == {
        "hiwar_outreach": {"action": "keep_address", "language": None, "frequency": None}
    }  # Telegram: the channel keeps the encrypted chat address for the answer
    assert said["response"] == "utter_scholar_queued"
    assert queued(store) == [
        ("pseudo-2b81d0", "هل الانتخابات حرام؟", "ar", "telegram", "ask_scholar")
    ]


async def test_ask_scholar_without_a_question_asks_for_one(
    settings: Settings, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionAskScholar().run(dispatcher, make_tracker("question_en"), domain)
    assert dispatcher.messages[0]["response"] == "utter_ask_scholar_what"
