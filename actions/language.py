"""Language: the custom slot mapping that picks the reply language after every message."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import intent_of, metadata, text_of
from bot.dialogue.language import choose_language


class ActionDetectLanguage(Action):
    """Fills ``language`` (and ``preferred_language`` on an explicit switch)."""

    def name(self) -> str:
        return "action_detect_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang, preferred = choose_language(
            text_of(tracker),
            intent=intent_of(tracker),
            metadata_lang=metadata(tracker).get("lang"),
            previous=tracker.get_slot("language"),
            preferred=tracker.get_slot("preferred_language"),
        )
        events = [SlotSet("language", lang)] if lang else []
        if preferred and preferred != tracker.get_slot("preferred_language"):
            events.append(SlotSet("preferred_language", preferred))
        return events
