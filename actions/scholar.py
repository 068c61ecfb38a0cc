"""Talk to a scholar (or, after a crisis, to a person), and telling the asker the answer later.

Asking for a scholar is the asker's consent to hear back: the question is queued with
``notify_opt_in`` and, on Telegram, the channel is asked to keep the (encrypted) chat
address. When a scholar links the question to an entry, bot.review_queue.notifier
triggers ``EXTERNAL_scholar_answered`` in the conversation and ActionScholarAnswered
says the answer there.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import channel_of, entity_of, lang_of, limit_of, utter_text_parts
from bot.dialogue.answer import answer_entry
from bot.dialogue.queue import record_unanswered, request_scholar_answer
from bot.dialogue.services import get_services, get_store
from bot.dialogue.subscriptions import can_subscribe, keep_address_request

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
        channel = channel_of(tracker)
        if crisis:  # a person follows up; nothing is sent back automatically
            await asyncio.to_thread(
                record_unanswered, get_store(), sender=tracker.sender_id, question=question,
                lang=lang_of(tracker), channel=channel, kind="crisis",
            )  # fmt: skip
            dispatcher.utter_message(response="utter_human_requested")
            return []
        await asyncio.to_thread(
            request_scholar_answer, get_store(), sender=tracker.sender_id, question=question,
            lang=lang_of(tracker), channel=channel,
        )  # fmt: skip
        if can_subscribe(channel):
            dispatcher.utter_message(json_message=keep_address_request())
        dispatcher.utter_message(response="utter_scholar_queued")
        return []


class ActionScholarAnswered(Action):
    """The scholars answered a question this user passed on: say so, then the answer."""

    def name(self) -> str:
        return "action_scholar_answered"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        entry_id = entity_of(tracker, "entry_id")
        if not entry_id:
            return []
        reply = await asyncio.to_thread(
            answer_entry, get_services(), entry_id, lang_of(tracker), limit_of(tracker)
        )
        if reply.kind != "answer":  # not servable here: the notifier tries again later
            return []
        dispatcher.utter_message(response="utter_scholar_answered")
        utter_text_parts(dispatcher, reply.parts)
        dispatcher.utter_message(
            response="utter_ask_feedback", buttons=[b.as_dict() for b in reply.buttons]
        )
        return [SlotSet("last_entry_id", entry_id)]
