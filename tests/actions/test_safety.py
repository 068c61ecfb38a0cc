from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.safety import ActionCrisis
from actions.scholar import ActionAskScholar
from bot.dialogue import services as services_module
from bot.dialogue.local_store import database_path
from bot.dialogue.services import Services
from bot.settings import Settings
from tests.actions.conftest import make_tracker


async def test_crisis_lists_the_users_country_first_and_flags(
    services: Services, domain: dict[str, Any]
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
    with sqlite3.connect(database_path(services.settings)) as db:
        assert db.execute("SELECT sender, country FROM dialogue_crisis_flags").fetchall() == [
            ("pseudo-2b81d0", "EG")
        ]


async def test_crisis_answers_even_when_the_knowledge_is_down(
    settings: Settings, domain: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> Services:
        raise RuntimeError("index missing")

    monkeypatch.setattr("actions.safety.get_services", broken)
    dispatcher = CollectingDispatcher()
    await ActionCrisis().run(dispatcher, make_tracker("question_en"), domain)
    assert "emergency number" in dispatcher.messages[0]["helplines"]
    assert services_module._services is None


async def test_after_a_crisis_asking_for_a_person_is_queued_as_crisis(
    settings: Settings, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionAskScholar().run(
        dispatcher, make_tracker("question_en", slots={"crisis_flag": True}), domain
    )
    assert dispatcher.messages[0]["response"] == "utter_human_requested"
    with sqlite3.connect(database_path(settings)) as db:
        assert db.execute("SELECT reason FROM dialogue_unanswered").fetchall() == [("crisis",)]


async def test_ask_scholar_queues_the_last_question(
    settings: Settings, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("question_ar", slots={"last_question": "هل الانتخابات حرام؟"})
    await ActionAskScholar().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_scholar_queued"
    with sqlite3.connect(database_path(settings)) as db:
        assert db.execute(
            "SELECT question, lang, channel, reason FROM dialogue_unanswered"
        ).fetchall() == [("هل الانتخابات حرام؟", "ar", "telegram", "scholar")]


async def test_ask_scholar_without_a_question_asks_for_one(
    settings: Settings, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionAskScholar().run(dispatcher, make_tracker("question_en"), domain)
    assert dispatcher.messages[0]["response"] == "utter_ask_scholar_what"
