"""Signed webhook pushes to focal points, from an outbox so nothing is lost while they are down.

Each feed event becomes one outbox row per interested focal point, in the same
transaction as the status change. ``deliver_due`` posts the rows whose time has
come; a 2xx marks the row delivered (never sent again), anything else schedules a
retry with exponential backoff. The body is fixed when the row is queued, so every
retry carries the same bytes and the same signature; receivers dedupe on ``event_id``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.reports.feed import case_fields
from bot.store.models import FeedEvent, FocalPoint, Report, WebhookOutbox

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Hiwar-Signature"
TIMESTAMP_HEADER = "X-Hiwar-Timestamp"
EVENT_HEADER = "X-Hiwar-Event"
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=6)
DEFAULT_MAX_ATTEMPTS = 8  # 30 s, 1, 2, 4, 8, 16, 32 min, 1 h: about two hours in all


def sign(secret: str, body: bytes) -> str:
    """The signature header value: ``sha256=<hex HMAC-SHA256 of the raw body>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, header: str) -> bool:
    """Receiver side (and tests): constant-time check of a signature header."""
    return hmac.compare_digest(sign(secret, body), header)


def backoff(attempts: int) -> timedelta:
    """Wait before the next try after ``attempts`` failures: 30 s doubling, capped at 6 h."""
    exponent = min(max(0, attempts - 1), 20)  # 2**20 × 30 s is far past the cap already
    return min(BACKOFF_BASE * 2**exponent, BACKOFF_MAX)


def enqueue_webhooks(session: Session, report: Report, event: FeedEvent) -> int:
    """Queue the event for every active focal point with a webhook whose scope covers it."""
    scope = [FocalPoint.country == "*"]
    if report.country:
        scope.append(FocalPoint.country == report.country)
    receivers = session.scalars(
        select(FocalPoint).where(
            FocalPoint.active.is_(True), FocalPoint.webhook_url.is_not(None), or_(*scope)
        )
    ).all()
    body = _payload(report, event)
    for focal_point in receivers:
        session.add(
            WebhookOutbox(
                focal_point_id=focal_point.id,
                feed_event_id=event.id,
                payload=body,
                next_attempt_at=event.created_at,
            )  # fmt: skip
        )
    return len(receivers)


def _payload(report: Report, event: FeedEvent) -> str:
    fields = {"event_id": event.id, "event": f"report.{event.status}", **case_fields(report)}
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@dataclass
class DeliveryStats:
    """What one ``deliver_due`` pass did."""

    delivered: int = 0
    failed: int = 0


def deliver_due(
    session: Session,
    http_client: httpx.Client,
    now: datetime,
    *,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    limit: int = 100,
) -> DeliveryStats:
    """Post every outbox row due at ``now``, one transaction per row; returns counts."""
    stats = DeliveryStats()
    for _ in range(limit):
        row = _next_due(session, now, max_attempts)
        if row is None:
            break
        focal_point = session.get_one(FocalPoint, row.focal_point_id)
        error = _post(http_client, focal_point, row, now)
        if error is None:
            row.delivered_at, row.last_error = now, None
            stats.delivered += 1
        else:
            row.attempts += 1
            row.next_attempt_at, row.last_error = now + backoff(row.attempts), error[:500]
            stats.failed += 1
            logger.warning(
                "webhook to %s failed (%s); attempt %d", focal_point.name, error, row.attempts
            )
        session.commit()
    return stats


def _next_due(session: Session, now: datetime, max_attempts: int) -> WebhookOutbox | None:
    """The oldest due row, locked so a second worker skips it (PostgreSQL; SQLite serialises)."""
    query = (
        select(WebhookOutbox)
        .join(FocalPoint, FocalPoint.id == WebhookOutbox.focal_point_id)
        .where(
            WebhookOutbox.delivered_at.is_(None),
            WebhookOutbox.next_attempt_at <= now,
            WebhookOutbox.attempts < max_attempts,
            FocalPoint.active.is_(True),
            FocalPoint.webhook_url.is_not(None),
        )
        .order_by(WebhookOutbox.id)
        .limit(1)
        .with_for_update(skip_locked=True, of=WebhookOutbox)
    )
    return session.scalar(query)


def _post(
    client: httpx.Client, focal_point: FocalPoint, row: WebhookOutbox, now: datetime
) -> str | None:
    """Send one row; None on a 2xx answer, else a short description of the failure."""
    body = row.payload.encode()
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: sign(focal_point.webhook_secret or "", body),
        TIMESTAMP_HEADER: str(int(now.timestamp())),
        EVENT_HEADER: str(row.feed_event_id),
    }
    try:
        response = client.post(focal_point.webhook_url or "", content=body, headers=headers)
    except httpx.HTTPError as error:
        return f"{type(error).__name__}: {error}"
    if response.is_success:
        return None
    return f"HTTP {response.status_code}"
