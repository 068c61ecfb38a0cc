"""First contact: the full welcome and disclosure once, a short greeting afterwards."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher


class ActionGreet(Action):
    """Welcome with the bot disclosure and how to delete one's data, or greet back."""

    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if tracker.get_slot("welcomed"):
            dispatcher.utter_message(response="utter_greet")
            return []
        dispatcher.utter_message(response="utter_welcome")
        return [SlotSet("welcomed", True)]
