"""Webhooks over real HTTP: a receiver on a loopback port that is down, then up."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import httpx
import uvicorn
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.reports.focal_points import create_focal_point
from bot.reports.webhooks import SIGNATURE_HEADER, deliver_due, verify_signature
from bot.store.models import utcnow
from tests.reports.factories import file_report, verify


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def receiver_on(port: int, secret: str, received: list[dict[str, object]]) -> Iterator[None]:
    """A focal point's endpoint that accepts only correctly signed bodies."""

    async def hook(request: Request) -> Response:
        body = await request.body()
        if not verify_signature(secret, body, request.headers.get(SIGNATURE_HEADER, "")):
            return Response(status_code=401)
        received.append(json.loads(body))
        return Response(status_code=204)

    app = Starlette(routes=[Route("/hook", hook, methods=["POST"])])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_down_then_up_delivers_once_with_a_valid_signature(session: Session) -> None:
    port = _free_port()
    created = create_focal_point(
        session, name="jordan", country="JO", webhook_url=f"http://127.0.0.1:{port}/hook"
    )
    report = verify(session, file_report(session, country="JO"))
    received: list[dict[str, object]] = []
    now = utcnow()
    with httpx.Client(timeout=5) as client:
        assert deliver_due(session, client, now).failed == 1  # nothing listens yet
        with receiver_on(port, created.webhook_secret or "", received):
            assert deliver_due(session, client, now + timedelta(minutes=1)).delivered == 1
            assert deliver_due(session, client, now + timedelta(days=1)).delivered == 0
    assert [item["reference"] for item in received] == [report.reference]
