"""The assembled gateway: health, OpenAPI, CORS, static widget files, forget-me wiring."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from bot.channels.pseudonym import pseudonymize
from bot.settings import Settings
from bot.web.app import create_app
from tests.web.conftest import SESSION, make_settings
from tests.web.fake_rasa import FakeRasa
from tests.web.loopback import serve


def test_health_reports_rasa_up(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "rasa": "up"}


def test_health_reports_rasa_down_but_gateway_ok(tmp_path: Path) -> None:
    with serve(FakeRasa().app()) as url:
        pass
    with TestClient(create_app(make_settings(tmp_path, [url]))) as client:
        response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "rasa": "down"}


def test_openapi_documents_the_chat_api(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/chat", "/api/chat/history", "/health"} <= set(paths)
    assert "503" in paths["/api/chat"]["post"]["responses"]


def test_cors_allows_only_configured_origins(client: TestClient) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    allowed = client.options("/api/chat", headers={"Origin": "https://centre.example", **preflight})
    refused = client.options("/api/chat", headers={"Origin": "https://evil.example", **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://centre.example"
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers


def test_widget_files_and_demo_page_are_served(client: TestClient) -> None:
    script = client.get("/widget.js")
    styles = client.get("/widget.css")
    page = client.get("/")
    assert (script.status_code, styles.status_code, page.status_code) == (200, 200, 200)
    assert script.headers["content-type"].startswith("text/javascript")
    assert styles.headers["content-type"].startswith("text/css")
    assert '<script src="/widget.js" data-lang="ar"' in page.text
    assert "innerHTML" not in script.text  # every text goes in through textContent


def test_unknown_route_is_404_in_the_error_shape(client: TestClient) -> None:
    response = client.get("/nope")
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "detail": "Not Found"}


def test_confirmed_forget_me_deletes_the_senders_tracker(
    client: TestClient, settings: Settings
) -> None:
    sender = pseudonymize(settings.pseudonym_key, "web", SESSION)
    engine = sa.create_engine(settings.tracker_store_url)
    events = sa.Table("events", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                      sa.Column("sender_id", sa.String(255)))  # fmt: skip
    events.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            events.insert(), [{"sender_id": sender}, {"sender_id": sender}, {"sender_id": "other"}]
        )
    response = client.post(
        "/api/chat", json={"session_id": SESSION, "message": "/forget_me_confirm"}
    )
    assert response.status_code == 200
    assert response.json()["messages"][0]["custom"] == {"hiwar_forget": True}
    with engine.connect() as connection:
        remaining = [row.sender_id for row in connection.execute(sa.select(events.c.sender_id))]
    engine.dispose()
    assert remaining == ["other"]


def test_background_jobs_follow_the_setting_so_one_gateway_runs_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from bot.settings import get_settings
    from bot.web.app import create_app_from_env

    monkeypatch.setenv("HIWAR_VAR_DIR", str(tmp_path))
    for value, expected in (("false", False), ("true", True)):
        monkeypatch.setenv("HIWAR_WEB__BACKGROUND_JOBS", value)
        get_settings.cache_clear()
        assert create_app_from_env().state.background_jobs is expected
    get_settings.cache_clear()
