"""The campaigns API: centre tokens only; preview, schedule, list, read, cancel."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.outreach.addresses import AddressCipher
from bot.outreach.subscriptions import subscribe
from bot.reports.focal_points import create_focal_point
from bot.settings import Settings
from bot.store.engine import SessionFactory
from bot.web import campaigns_api

BODY = {"language": "en", "text_en": "Violence against the innocent is never jihad.",
        "entry_id": "killing-civilians", "scheduled_at": "2026-12-07T09:00:00Z"}  # fmt: skip


@pytest.fixture
def api(
    session_factory: SessionFactory, cipher: AddressCipher
) -> Iterator[tuple[TestClient, dict, dict]]:
    """A gateway-like app with the campaigns router; (client, centre headers, country headers)."""
    app = FastAPI()
    app.state.settings = Settings(secret_key=SecretStr("test-secret-key"))
    app.state.db_sessions = session_factory
    app.include_router(campaigns_api.router)
    with session_factory() as session:
        centre = create_focal_point(session, name="centre", country="*").token
        country = create_focal_point(session, name="egypt", country="EG").token
        subscribe(session, "p1", "telegram", "en", "daily", 11, cipher=cipher)
    with TestClient(app) as client:
        yield client, {"Authorization": f"Bearer {centre}"}, {"Authorization": f"Bearer {country}"}


def test_only_centre_tokens_may_use_it(api: tuple[TestClient, dict, dict]) -> None:
    client, _, country = api
    assert client.get("/api/campaigns").status_code == 401
    response = client.get("/api/campaigns", headers=country)
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"


def test_preview_returns_messages_and_audience(api: tuple[TestClient, dict, dict]) -> None:
    client, centre, _ = api
    response = client.post("/api/campaigns/preview", json=BODY, headers=centre)
    assert response.status_code == 200
    body = response.json()
    assert body["audience"] == {"en": 1}
    assert (
        body["messages"]["en"]["buttons"][0][0]["payload"]
        == '/ask_question{"entry_id":"killing-civilians"}'
    )
    assert client.get("/api/campaigns", headers=centre).json() == []


def test_schedule_list_read_and_cancel_with_audit(api: tuple[TestClient, dict, dict]) -> None:
    client, centre, _ = api
    created = client.post("/api/campaigns", json=BODY, headers=centre)
    assert created.status_code == 201
    campaign = created.json()
    assert campaign["status"] == "scheduled" and campaign["created_by"] == "api:centre"
    assert [c["id"] for c in client.get("/api/campaigns", headers=centre).json()] == [
        campaign["id"]
    ]
    cancelled = client.post(
        f"/api/campaigns/{campaign['id']}/cancel", json={"reason": "typo"}, headers=centre
    )
    assert cancelled.status_code == 200
    audit = client.get(f"/api/campaigns/{campaign['id']}", headers=centre).json()["audit"]
    assert [(a["action"], a["detail"]) for a in audit][1] == ("cancelled", "typo")
    again = client.post(f"/api/campaigns/{campaign['id']}/cancel", json={}, headers=centre)
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [({"entry_id": "no-such-entry"}, 422, "entry_id"), ({"scheduled_at": None}, 422, "scheduled_at"),
     ({"language": "all"}, 422, "text_ar")],
)  # fmt: skip
def test_invalid_campaigns_are_refused(
    api: tuple[TestClient, dict, dict], change: dict, status: int, field: str
) -> None:
    client, centre, _ = api
    response = client.post("/api/campaigns", json={**BODY, **change}, headers=centre)
    assert response.status_code == status
    assert field in response.json()["detail"]


def test_unknown_campaign_is_404(api: tuple[TestClient, dict, dict]) -> None:
    client, centre, _ = api
    assert client.get("/api/campaigns/999", headers=centre).status_code == 404
