from __future__ import annotations

import sqlite3
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.privacy import ActionForgetMe, ActionPrivacy
from bot.dialogue.feedback import record_feedback
from bot.dialogue.local_store import database_path
from bot.dialogue.subscriptions import is_subscribed, set_subscription
from bot.settings import Settings
from tests.actions.conftest import make_tracker


async def test_privacy_states_the_configured_retention(
    settings: Settings, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionPrivacy().run(dispatcher, make_tracker("question_en"), domain)
    assert dispatcher.messages[0]["response"] == "utter_privacy"
    assert dispatcher.messages[0]["retention_days"] == settings.retention_days


async def test_confirmed_forget_deletes_our_rows_and_tells_the_channel(
    settings: Settings, domain: dict[str, Any]
) -> None:
    me, other = "pseudo-7f3a9c", "someone-else"
    for sender in (me, other):
        record_feedback(settings, sender=sender, entry_id="takfir", helpful=True, lang="en")
        set_subscription(settings, sender=sender, lang="en", channel="web", subscribed=True)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("question_en", slots={"forget_confirmed": True})
    events = await ActionForgetMe().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_forgotten"
    assert dispatcher.messages[1]["custom"] == {"hiwar_forget": True}
    assert events == [{"event": "followup", "name": "action_restart", "timestamp": None}]
    assert not is_subscribed(settings, me) and is_subscribed(settings, other)
    with sqlite3.connect(database_path(settings)) as db:
        assert db.execute("SELECT sender FROM dialogue_feedback").fetchall() == [(other,)]


async def test_declined_forget_deletes_nothing(settings: Settings, domain: dict[str, Any]) -> None:
    set_subscription(settings, sender="pseudo-7f3a9c", lang="en", channel="web", subscribed=True)
    dispatcher = CollectingDispatcher()
    events = await ActionForgetMe().run(
        dispatcher, make_tracker("question_en", slots={"forget_confirmed": False}), domain
    )
    assert dispatcher.messages[0]["response"] == "utter_forget_cancelled"
    assert events == [
        {"event": "slot", "name": "forget_confirmed", "value": None, "timestamp": None}
    ]
    assert is_subscribed(settings, "pseudo-7f3a9c")
