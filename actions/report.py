"""Reporting incitement: the form's validation and the filing of the report."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import entity_of, intent_of, lang_of
from bot.dialogue.reports import (
    MAX_FIELD_CHARS,
    NONE,
    ReportDraft,
    read_country,
    read_link_answer,
    read_platform,
    submit_report,
)
from bot.dialogue.services import get_store
from bot.dialogue.vocabulary import platform_from_url

logger = logging.getLogger(__name__)
REPORT_SLOTS = (
    "report_url",
    "report_quote",
    "report_platform",
    "report_country",
    "report_description",
)


class ValidateReportForm(FormValidationAction):
    """Turns each answer into a clean value; a non-link for the link is re-asked."""

    def name(self) -> str:
        return "validate_report_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[str]:
        """With a link there is no need to paste the post's text."""
        url = tracker.get_slot("report_url")
        has_link = url not in (None, NONE)
        return [slot for slot in domain_slots if not (has_link and slot == "report_quote")]

    def validate_report_url(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        answer = read_link_answer(str(value or ""), intent_of(tracker))
        if answer.kind == "url":
            platform = platform_from_url(answer.value or "")
            return {"report_url": answer.value, "report_quote": NONE} | (
                {"report_platform": platform} if platform else {}
            )
        if answer.kind == "quote":
            return {"report_url": NONE, "report_quote": answer.value}
        if answer.kind == "no_link":
            return {"report_url": NONE}
        dispatcher.utter_message(response="utter_invalid_link")
        return {"report_url": None}

    def validate_report_quote(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        return {"report_quote": text[:MAX_FIELD_CHARS] or None}

    def validate_report_platform(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        platform = read_platform(
            str(value or ""), entity_of(tracker, "platform"), tracker.get_slot("report_url")
        )
        return {"report_platform": platform or None}

    def validate_report_country(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return {"report_country": read_country(str(value or ""), intent_of(tracker))}

    def validate_report_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        return {"report_description": text[:MAX_FIELD_CHARS] or None}


def draft_of(tracker: Tracker) -> ReportDraft:
    """The report as the form collected it ("none" answers become empty fields)."""

    def slot(name: str) -> str | None:
        value = tracker.get_slot(name)
        return None if value in (None, NONE) else str(value)

    return ReportDraft(
        url=slot("report_url"), quote=slot("report_quote"), platform=slot("report_platform"),
        country=slot("report_country"), description=slot("report_description") or "",
        lang=lang_of(tracker), reporter=tracker.sender_id,
    )  # fmt: skip


class ActionSubmitReport(Action):
    """File the report, give the reference number, and clear the form for the next one."""

    def name(self) -> str:
        return "action_submit_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        try:
            reference = await asyncio.to_thread(submit_report, get_store(), draft_of(tracker))
        except Exception:
            logger.exception("report could not be stored")
            dispatcher.utter_message(response="utter_report_failed")
            return []
        dispatcher.utter_message(response="utter_report_submitted", reference=reference)
        return [SlotSet(name, None) for name in REPORT_SLOTS]
