"""Opt-in counter-messages: subscribe (daily or weekly, Telegram only) and unsubscribe.

The action server never sees a chat id: it sends the channel a request marker and the
Telegram channel stores the subscription (bot.outreach.channel_requests).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import channel_of, entity_of, lang_of
from bot.dialogue.subscriptions import (
    can_subscribe,
    read_frequency,
    subscribe_request,
    unsubscribe_request,
)

CONFIRMATIONS = {"daily": "utter_subscribed_daily", "weekly": "utter_subscribed_weekly"}


class ActionSubscribe(Action):
    """Ask how often (two buttons), then ask the channel to subscribe; Telegram only."""

    def name(self) -> str:
        return "action_subscribe"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if not can_subscribe(channel_of(tracker)):
            dispatcher.utter_message(response="utter_subscribe_on_telegram")
            return []
        # Only this message's button counts: typing "subscribe" again asks again.
        frequency = read_frequency(entity_of(tracker, "frequency"))
        if frequency is None:
            dispatcher.utter_message(response="utter_choose_frequency")
            return []
        dispatcher.utter_message(json_message=subscribe_request(lang_of(tracker), frequency))
        dispatcher.utter_message(response=CONFIRMATIONS[frequency])
        return [SlotSet("frequency", frequency)]


class ActionUnsubscribe(Action):
    """Ask the channel to stop the messages (nothing to stop on the web)."""

    def name(self) -> str:
        return "action_unsubscribe"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if can_subscribe(channel_of(tracker)):
            dispatcher.utter_message(json_message=unsubscribe_request())
        dispatcher.utter_message(response="utter_unsubscribed")
        return [SlotSet("frequency", None)]
