"""Find an initiative: ask the country if unknown, then list programmes from knowledge/."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import lang_of
from bot.dialogue.initiatives import INTERNATIONAL, initiatives_for
from bot.dialogue.services import get_services
from bot.dialogue.vocabulary import COUNTRY_NAMES, find_country


class ValidateInitiativeForm(FormValidationAction):
    """Any answer ends the question: a known country, or "*" for the international list."""

    def name(self) -> str:
        return "validate_initiative_form"

    def validate_country(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        code = text.upper() if text.upper() in COUNTRY_NAMES else find_country(text)
        return {"country": code or INTERNATIONAL}


class ActionFindInitiative(Action):
    """The country's programmes, else the international ones, else an honest "none yet"."""

    def name(self) -> str:
        return "action_find_initiative"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        found = initiatives_for(
            get_services().knowledge.initiatives, tracker.get_slot("country"), lang_of(tracker)
        )
        if not found.text:
            dispatcher.utter_message(response="utter_no_initiatives")
            return []
        if not found.local:
            dispatcher.utter_message(response="utter_no_local_initiatives")
        dispatcher.utter_message(response="utter_initiatives", initiatives=found.text)
        return []
