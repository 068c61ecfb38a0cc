"""Crisis: the fixed response with helplines, an offer of a person, and a review flag."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import channel_of, lang_of, text_of
from bot.dialogue.safety import flag_crisis, helplines_text
from bot.dialogue.services import get_services, get_store

logger = logging.getLogger(__name__)


class ActionCrisis(Action):
    """Always answers, even when the knowledge or the database is down; never retrieves."""

    def name(self) -> str:
        return "action_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang, country = lang_of(tracker), tracker.get_slot("country")
        try:
            helplines = get_services().knowledge.helplines
        except Exception:
            logger.exception("helplines unavailable; showing the emergency fallback")
            helplines = ()
        dispatcher.utter_message(
            response="utter_crisis", helplines=helplines_text(helplines, country, lang)
        )
        dispatcher.utter_message(response="utter_crisis_offer_human")
        try:
            await asyncio.to_thread(
                flag_crisis, get_store(), sender=tracker.sender_id, message=text_of(tracker),
                lang=lang, channel=channel_of(tracker),
            )  # fmt: skip
        except Exception:
            logger.exception("could not record the crisis flag")
        return [SlotSet("crisis_flag", True)]
