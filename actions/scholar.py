"""Talk to a scholar (or, after a crisis, to a person): queued with the question and language."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import channel_of, lang_of
from bot.dialogue.queue import record_unanswered
from bot.dialogue.services import get_store

CRISIS_CONTACT_REQUEST = "(contact requested after a crisis message)"


class ActionAskScholar(Action):
    """Queue the last question for the scholars and say honestly what happens next."""

    def name(self) -> str:
        return "action_ask_scholar"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        crisis = bool(tracker.get_slot("crisis_flag"))
        question = tracker.get_slot("last_question") or (CRISIS_CONTACT_REQUEST if crisis else None)
        if not question:
            dispatcher.utter_message(response="utter_ask_scholar_what")
            return []
        await asyncio.to_thread(
            record_unanswered, get_store(), sender=tracker.sender_id, question=question,
            lang=lang_of(tracker), channel=channel_of(tracker),
            kind="crisis" if crisis else "ask_scholar",
        )  # fmt: skip
        dispatcher.utter_message(
            response="utter_human_requested" if crisis else "utter_scholar_queued"
        )
        return []
