"""The background worker: drains the spool and pushes webhooks until stopped."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.reports.focal_points import create_focal_point
from bot.reports.service import get_report, submit_report
from bot.reports.spool import spool_directory
from bot.reports.worker import run_pass, run_worker
from bot.settings import Settings
from bot.store.engine import SessionFactory, build_session_factory
from bot.store.models import WebhookOutbox
from tests.reports.factories import file_report, verify

UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/test"


def test_pass_stores_spooled_reports_and_delivers(
    tmp_path: Path, session_factory: SessionFactory, session: Session
) -> None:
    settings = Settings(var_dir=tmp_path)
    with build_session_factory(UNREACHABLE)() as down:
        spooled = submit_report(
            down, url="https://t.me/x/1", text=None, platform=None, country="JO", description="",
            language="ar", reporter_pseudonym=None, spool_dir=spool_directory(settings),
        ).reference  # fmt: skip
    create_focal_point(session, name="jordan", country="JO", webhook_url="https://jo.example/hook")
    verify(session, file_report(session, country="JO"))
    sent: list[httpx.Request] = []

    def receive(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200)

    client = httpx.Client(transport=httpx.MockTransport(receive))
    run_pass(settings, session_factory, client)
    assert get_report(session, spooled).reference == spooled
    assert len(sent) == 1
    assert session.scalars(select(WebhookOutbox.delivered_at)).one() is not None


def test_worker_survives_a_down_database_and_stops_on_request(tmp_path: Path) -> None:
    stop = threading.Event()
    thread = threading.Thread(
        target=run_worker, args=(Settings(var_dir=tmp_path), build_session_factory(UNREACHABLE), stop),
        kwargs={"interval_s": 0.05, "http_client": httpx.Client()},
    )  # fmt: skip
    thread.start()
    stop.wait(0.3)
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()
