"""Webhook push: signed, scoped, retried with backoff while the receiver is down, never doubled."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.reports.focal_points import create_focal_point
from bot.reports.webhooks import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    backoff,
    deliver_due,
    verify_signature,
)
from bot.store.models import WebhookOutbox, utcnow
from tests.reports.factories import file_report, verify


class Receiver:
    """A focal point's endpoint on a mock transport: can be down, checks every signature."""

    def __init__(self, secret: str) -> None:
        self.secret, self.up, self.bad_signatures = secret, True, 0
        self.received: list[dict[str, Any]] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        if not self.up:
            raise httpx.ConnectError("connection refused", request=request)
        body = request.read()
        if not verify_signature(self.secret, body, request.headers[SIGNATURE_HEADER]):
            self.bad_signatures += 1
            return httpx.Response(401)
        assert request.headers[TIMESTAMP_HEADER].isdigit()
        self.received.append(json.loads(body))
        return httpx.Response(204)


def _receiver(session: Session, name: str, country: str) -> tuple[Receiver, httpx.Client]:
    created = create_focal_point(
        session, name=name, country=country, webhook_url=f"https://{name}.example/hook"
    )
    receiver = Receiver(created.webhook_secret or "")
    return receiver, httpx.Client(transport=httpx.MockTransport(receiver.handle))


def test_signed_push_reaches_only_the_right_country(session: Session) -> None:
    jordan, jordan_client = _receiver(session, "jordan", "JO")
    egypt, _ = _receiver(session, "egypt", "EG")
    report = verify(session, file_report(session, country="JO", text="<script>x</script>"))
    stats = deliver_due(session, jordan_client, utcnow())
    assert stats.delivered == 1 and jordan.bad_signatures == 0
    assert jordan.received[0]["reference"] == report.reference
    assert jordan.received[0]["event"] == "report.verified"
    assert jordan.received[0]["text"] == "<script>x</script>"
    assert "reporter_pseudonym" not in jordan.received[0]
    assert egypt.received == []


def test_receiver_down_then_up_loses_nothing_and_sends_once(session: Session) -> None:
    receiver, client = _receiver(session, "jordan", "JO")
    verify(session, file_report(session, country="JO"))
    receiver.up, now = False, utcnow()
    assert deliver_due(session, client, now).failed == 1
    assert deliver_due(session, client, now).failed == 0  # not due again until the backoff passes
    row = session.scalars(select(WebhookOutbox)).one()
    assert (row.attempts, row.delivered_at) == (1, None)
    assert row.next_attempt_at == now + timedelta(seconds=30)
    assert "ConnectError" in (row.last_error or "")
    receiver.up = True
    later = now + timedelta(minutes=1)
    assert deliver_due(session, client, later).delivered == 1
    assert deliver_due(session, client, later + timedelta(days=1)).delivered == 0
    assert len(receiver.received) == 1
    session.refresh(row)
    assert row.delivered_at == later and row.last_error is None


def test_error_status_is_retried_and_parked_after_max_attempts(session: Session) -> None:
    _receiver(session, "jordan", "JO")
    verify(session, file_report(session, country="JO"))
    failing = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(503)))
    now = utcnow()
    for attempt in range(1, 4):
        assert deliver_due(session, failing, now, max_attempts=3).failed == 1
        now += backoff(attempt)
    assert deliver_due(session, failing, now + timedelta(days=1), max_attempts=3).failed == 0
    row = session.scalars(select(WebhookOutbox)).one()
    assert (row.attempts, row.last_error, row.delivered_at) == (3, "HTTP 503", None)


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(50) == timedelta(hours=6)


def test_centre_hook_gets_every_country_and_retries_carry_the_same_bytes(session: Session) -> None:
    bodies: list[bytes] = []
    responses: list[Callable[[], httpx.Response]] = [
        lambda: httpx.Response(500),
        lambda: httpx.Response(200),
    ]

    def handle(request: httpx.Request) -> httpx.Response:
        bodies.append(request.read())
        return responses.pop(0)()

    create_focal_point(
        session, name="centre", country="*", webhook_url="https://centre.example/hook"
    )
    verify(session, file_report(session, country="EG"))
    client, now = httpx.Client(transport=httpx.MockTransport(handle)), utcnow()
    deliver_due(session, client, now)
    deliver_due(session, client, now + timedelta(hours=1))
    assert len(bodies) == 2 and bodies[0] == bodies[1]
