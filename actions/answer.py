"""Questions: answer from the knowledge base, "did you mean", or abstain honestly."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import channel_of, entity_of, lang_of, limit_of, text_of, utter_text_parts
from bot.dialogue.answer import Asker, Reply, reply_to_question, reply_to_unclear
from bot.dialogue.safety import crisis_suspected
from bot.dialogue.services import get_services, get_store

logger = logging.getLogger(__name__)


def asker_of(tracker: Tracker) -> Asker:
    """The pseudonymous sender, their channel and its message limit."""
    return Asker(tracker.sender_id, channel_of(tracker), limit_of(tracker))


def dispatch_reply(
    dispatcher: CollectingDispatcher, tracker: Tracker, reply: Reply, question: str
) -> list[dict[str, Any]]:
    """Say the reply (disclosing the bot on first contact) and remember what was asked."""
    events: list[dict[str, Any]] = [SlotSet("last_question", question)]
    if not tracker.get_slot("welcomed"):
        dispatcher.utter_message(response="utter_disclosure_short")
        events.append(SlotSet("welcomed", True))
    if reply.kind == "answer":
        utter_text_parts(dispatcher, reply.parts)
        dispatcher.utter_message(
            response="utter_ask_feedback", buttons=[b.as_dict() for b in reply.buttons]
        )
        events.append(SlotSet("last_entry_id", reply.entry_id))
    elif reply.kind == "clarify":
        dispatcher.utter_message(
            response="utter_did_you_mean", buttons=[b.as_dict() for b in reply.buttons]
        )
    elif reply.out_of_scope:
        dispatcher.utter_message(response="utter_abstain_out_of_scope")
    else:
        dispatcher.utter_message(response="utter_abstain")
    return events


class ActionAnswer(Action):
    """Answer the question (or the entry a "did you mean" button chose)."""

    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        try:
            services = get_services()
        except Exception:
            logger.exception("knowledge unavailable")
            dispatcher.utter_message(response="utter_answer_unavailable")
            return []
        entry_id = entity_of(tracker, "entry_id")
        question = text_of(tracker) if not entry_id else tracker.get_slot("last_question") or ""
        # Retrieval and the database writes block: keep the action server's loop free.
        reply = await asyncio.to_thread(
            reply_to_question, services, get_store(), question, lang_of(tracker),
            asker_of(tracker), entry_id,
        )  # fmt: skip
        return dispatch_reply(dispatcher, tracker, reply, question)


class ActionFallbackRetrieval(Action):
    """Low NLU confidence: a possible crisis gets the crisis response; otherwise answer
    only if retrieval is sure (strict), else ask to rephrase."""

    def name(self) -> str:
        return "action_fallback_retrieval"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if crisis_suspected(tracker.latest_message.get("intent_ranking") or []):
            return [FollowupAction("action_crisis")]
        text = text_of(tracker)
        try:
            reply = await asyncio.to_thread(
                reply_to_unclear, get_services(), get_store(), text, lang_of(tracker),
                asker_of(tracker),
            )  # fmt: skip
        except Exception:
            logger.exception("strict retrieval failed")
            reply = None
        if reply is None or reply.kind == "abstain":
            dispatcher.utter_message(response="utter_default")
            return []
        return dispatch_reply(dispatcher, tracker, reply, text)
