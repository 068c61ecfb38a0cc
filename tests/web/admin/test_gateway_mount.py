"""The dashboard and metrics mounted on the real gateway app, as the lead wires them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bot.settings import Settings
from bot.store.engine import SessionFactory
from bot.web import admin
from bot.web.app import create_app
from bot.web.metrics import install_metrics
from tests.web.admin.conftest import browser_for


def test_dashboard_and_metrics_work_inside_the_gateway(
    settings: Settings, db: SessionFactory
) -> None:
    app = create_app(settings)
    app.state.db_sessions = db
    app.include_router(admin.router)
    install_metrics(app)
    with TestClient(app, follow_redirects=False) as client:
        browser = browser_for(client, "lina")
        assert client.get("/admin/reports").status_code == 200
        assert client.get("/admin/static/admin.css").status_code == 200
        assert browser.post("/admin/logout", {}).status_code == 303
        metrics = client.get("/metrics").text
    assert 'route="/admin/reports",status="200"' in metrics
    assert 'route="/admin/login",status="303"' in metrics
