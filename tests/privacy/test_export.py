"""Exporting one person's data: tracker events and our rows, by pseudonym or raw id."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from bot.channels.pseudonym import pseudonymize
from bot.privacy.export import export_user_data, resolve_pseudonym
from bot.reports.service import submit_report
from bot.review_queue.service import record_question
from bot.settings import Settings
from tests.privacy.tracker_db import add_event, create_tracker_store


def test_export_gathers_every_store(settings: Settings, session: Session) -> None:
    create_tracker_store(settings.tracker_store_url)
    add_event(settings.tracker_store_url, "p-1", datetime.now(UTC), intent="ask_jihad", text="hi")
    add_event(settings.tracker_store_url, "p-2", datetime.now(UTC), text="someone else")
    record_question(
        session, text="is jihad war?", language="en", channel="web", pseudonym="p-1",
        kind="abstained",
    )  # fmt: skip
    submit_report(
        session, url="https://t.me/x/1", text=None, platform=None, country="JO",
        description="bad post", language="en", reporter_pseudonym="p-1",
    )  # fmt: skip
    data = export_user_data(settings, session, "p-1")
    assert [event["intent"] for event in data["conversation_events"]] == ["ask_jihad"]
    assert data["conversation_events"][0]["data"]["text"] == "hi"
    assert [question["text"] for question in data["questions"]] == ["is jihad war?"]
    assert [report["description"] for report in data["reports"]] == ["bad post"]


def test_raw_ids_are_pseudonymised_like_the_channels_do(settings: Settings) -> None:
    expected = pseudonymize(settings.pseudonym_key, "telegram", "12345")
    assert resolve_pseudonym(settings, " 12345 ", "telegram") == expected
    assert resolve_pseudonym(settings, "abc", None) == "abc"
    with pytest.raises(ValueError):
        resolve_pseudonym(settings, "  ", None)


def test_no_tracker_store_yet_exports_no_events(settings: Settings, session: Session) -> None:
    assert export_user_data(settings, session, "nobody")["conversation_events"] == []
