"""One custom action that exercises the Rasa <-> rasa-sdk contract: a slot and buttons."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher


class ActionPairCheck(Action):
    """Replies with buttons and sets a slot, so both directions are visible."""

    def name(self) -> str:
        return "action_pair_check"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(
            text=f"pair ok for {tracker.sender_id}",
            buttons=[{"title": "Again", "payload": "/greet"}],
        )
        return [SlotSet("greeted", True)]
