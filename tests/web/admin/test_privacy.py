"""The export page: admins only, CSRF-protected, JSON attachment of one person's data."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from bot.channels.pseudonym import pseudonymize
from bot.review_queue.service import record_question
from bot.settings import Settings
from bot.store.engine import SessionFactory
from tests.privacy.tracker_db import add_event, create_tracker_store
from tests.web.admin.conftest import Browser, browser_for


def _seed(settings: Settings, db: SessionFactory, pseudonym: str) -> None:
    create_tracker_store(settings.tracker_store_url)
    add_event(settings.tracker_store_url, pseudonym, datetime.now(UTC), intent="ask")
    with db() as session:
        record_question(
            session, text="<b>why?</b>", language="en", channel="telegram", pseudonym=pseudonym,
            kind="ask_scholar",
        )  # fmt: skip


def test_export_by_pseudonym(as_admin: Browser, settings: Settings, db: SessionFactory) -> None:
    _seed(settings, db, "abc123")
    assert as_admin.client.get("/admin/privacy").status_code == 200
    response = as_admin.post("/admin/privacy/export", {"identifier": "abc123", "channel": ""})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert 'filename="hiwar-export-abc123.json"' in response.headers["content-disposition"]
    data = response.json()
    assert data["pseudonym"] == "abc123"
    assert [event["intent"] for event in data["conversation_events"]] == ["ask"]
    assert [question["text"] for question in data["questions"]] == ["<b>why?</b>"]


def test_export_by_channel_and_raw_id(
    as_admin: Browser, settings: Settings, db: SessionFactory
) -> None:
    pseudonym = pseudonymize(settings.pseudonym_key, "telegram", "4242")
    _seed(settings, db, pseudonym)
    response = as_admin.post("/admin/privacy/export", {"identifier": "4242", "channel": "telegram"})
    assert response.status_code == 200
    assert response.json()["pseudonym"] == pseudonym
    assert len(response.json()["questions"]) == 1


def test_bad_requests_are_refused(as_admin: Browser) -> None:
    empty = as_admin.post("/admin/privacy/export", {"identifier": " ", "channel": ""})
    assert empty.status_code == 422
    odd = as_admin.post("/admin/privacy/export", {"identifier": "1", "channel": "sms"})
    assert odd.status_code == 422
    no_csrf = as_admin.client.post("/admin/privacy/export", data={"identifier": "abc"})
    assert no_csrf.status_code == 403


def test_only_admins_export(client: TestClient) -> None:
    browser = browser_for(client, "lina")
    assert client.get("/admin/privacy").status_code == 403
    assert browser.post("/admin/privacy/export", {"identifier": "abc"}).status_code == 403
    assert "Privacy" not in client.get("/admin/").text.split("<main>")[0]  # not in the menu
