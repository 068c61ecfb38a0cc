"""Follow-ups to an answer: tell me more, what is your source, and feedback."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import channel_of, entity_of, intent_of, lang_of, limit_of, utter_text_parts
from bot.dialogue.answer import references_parts, related_buttons
from bot.dialogue.feedback import record_feedback
from bot.dialogue.services import get_services, get_store

logger = logging.getLogger(__name__)


class ActionMore(Action):
    """Offer the entries related to the last answer as buttons."""

    def name(self) -> str:
        return "action_more"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        entry_id = tracker.get_slot("last_entry_id")
        if not entry_id:
            dispatcher.utter_message(response="utter_no_last_answer")
            return []
        buttons = related_buttons(get_services(), entry_id, lang_of(tracker))
        if buttons:
            dispatcher.utter_message(
                response="utter_related_intro", buttons=[b.as_dict() for b in buttons]
            )
        else:
            dispatcher.utter_message(response="utter_no_related")
        return []


class ActionSources(Action):
    """The references of the last answer, in the user's language."""

    def name(self) -> str:
        return "action_sources"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        entry_id = tracker.get_slot("last_entry_id")
        parts = references_parts(get_services(), entry_id, lang_of(tracker), limit_of(tracker))
        if not parts:
            dispatcher.utter_message(response="utter_no_last_answer")
            return []
        dispatcher.utter_message(response="utter_sources_intro")
        utter_text_parts(dispatcher, parts)
        return []


class ActionFeedback(Action):
    """Count helpful / not helpful for the entry the buttons belong to (no pseudonym)."""

    def name(self) -> str:
        return "action_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        helpful = intent_of(tracker) == "feedback_helpful"
        entry_id = entity_of(tracker, "entry_id") or tracker.get_slot("last_entry_id")
        if entry_id:
            await asyncio.to_thread(
                record_feedback, get_store(), entry_id=entry_id, helpful=helpful,
                lang=lang_of(tracker), channel=channel_of(tracker),
            )  # fmt: skip
        dispatcher.utter_message(
            response="utter_feedback_helpful" if helpful else "utter_feedback_not_helpful"
        )
        return []
