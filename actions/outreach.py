"""Opt-in counter-messages: subscribe and unsubscribe."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import channel_of, lang_of
from bot.dialogue.subscriptions import set_subscription
from bot.settings import get_settings


class ActionSubscribe(Action):
    """Store the opt-in with the user's language and channel."""

    def name(self) -> str:
        return "action_subscribe"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        set_subscription(
            get_settings(), sender=tracker.sender_id, lang=lang_of(tracker),
            channel=channel_of(tracker), subscribed=True,
        )  # fmt: skip
        dispatcher.utter_message(response="utter_subscribed")
        return []


class ActionUnsubscribe(Action):
    """Store the opt-out; nothing more is sent."""

    def name(self) -> str:
        return "action_unsubscribe"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        set_subscription(
            get_settings(), sender=tracker.sender_id, lang=lang_of(tracker),
            channel=channel_of(tracker), subscribed=False,
        )  # fmt: skip
        dispatcher.utter_message(response="utter_unsubscribed")
        return []
