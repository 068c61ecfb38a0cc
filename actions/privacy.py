"""Privacy: what is stored, and forgetting a user after they confirm."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.dialogue.privacy import FORGET_PAYLOAD, forget_user
from bot.dialogue.services import get_store
from bot.settings import get_settings


class ActionPrivacy(Action):
    """Explain what is stored and for how long (the retention comes from settings)."""

    def name(self) -> str:
        return "action_privacy"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(
            response="utter_privacy", retention_days=get_settings().retention_days
        )
        return []


class ActionForgetMe(Action):
    """Delete our rows, tell the channel to delete the tracker, then restart the chat."""

    def name(self) -> str:
        return "action_forget_me"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if not tracker.get_slot("forget_confirmed"):
            dispatcher.utter_message(response="utter_forget_cancelled")
            return [SlotSet("forget_confirmed", None)]
        await asyncio.to_thread(forget_user, get_store(), tracker.sender_id)
        dispatcher.utter_message(response="utter_forgotten")
        dispatcher.utter_message(json_message=FORGET_PAYLOAD)
        return [FollowupAction("action_restart")]
