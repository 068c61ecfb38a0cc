"""Claim, send, record: the three steps every outreach message goes through.

Crash safety is at-most-once. A claim row (status ``sending``) is committed, under a
unique constraint, *before* the send; the outcome is recorded after it. A process that
dies between the two leaves ``sending`` behind: that message is never sent again
(resolved to ``interrupted`` once its lease expires) and nobody is skipped, because
every subscriber not yet claimed is still due. The Bot API has no way to ask whether
a message went out, so the alternative (resend on doubt) would risk the duplicate
the product forbids; the doubt window is one batch's HTTP calls.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.outreach.messages import OutgoingMessage
from bot.outreach.models import (
    CampaignDelivery,
    Delivery,
    DeliveryStatus,
    Subscriber,
    TelegramAddress,
)
from bot.outreach.sender import Sender, SendOutcome
from bot.store.models import utcnow

logger = logging.getLogger(__name__)
LEASE = timedelta(minutes=30)  # far longer than one batch, even with flood-control pauses
DeliveryModel = type[Delivery] | type[CampaignDelivery]


@dataclass(frozen=True)
class Claim:
    """One claimed send: which row records it, who gets it, what they get."""

    row_id: int
    subscriber_id: int
    pseudonym: str
    chat_id: int
    message: OutgoingMessage


@dataclass
class RunSummary:
    """What one run did, for logs and the benchmark."""

    sent: int = 0
    failed: int = 0
    blocked: int = 0
    campaigns_done: list[int] = field(default_factory=list)

    def add(self, outcomes: Sequence[SendOutcome]) -> None:
        """Count a batch's outcomes."""
        for outcome in outcomes:
            setattr(self, outcome.status, getattr(self, outcome.status) + 1)


def insert_claims(
    session: Session, model: DeliveryModel, rows: list[dict[str, Any]]
) -> list[tuple[int, int]]:
    """Insert claim rows, skipping any that another run already holds; (id, subscriber_id)
    of the rows this call inserted."""
    if not rows:
        return []
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    statement = (
        dialect.insert(model)
        .values(rows)
        .on_conflict_do_nothing()
        .returning(model.id, model.subscriber_id)
    )
    return [(row_id, subscriber_id) for row_id, subscriber_id in session.execute(statement)]


def resolve_stale(session: Session, now: datetime) -> int:
    """Mark claims older than the lease ``interrupted`` (commits); they stay unsent."""
    count = 0
    for model in (Delivery, CampaignDelivery):
        result = session.execute(
            update(model)
            .where(model.status == DeliveryStatus.SENDING, model.claimed_at < now - LEASE)
            .values(status=DeliveryStatus.INTERRUPTED, error="outcome unknown: stopped mid-send")
        )
        count += int(getattr(result, "rowcount", 0) or 0)
    session.commit()
    if count:
        logger.warning("%d outreach sends were interrupted; not resending them", count)
    return count


async def send_claims(sender: Sender, claims: Sequence[Claim]) -> list[SendOutcome]:
    """Send every claim concurrently (the sender paces them); one outcome per claim."""
    return list(await asyncio.gather(*(_send_one(sender, claim) for claim in claims)))


async def _send_one(sender: Sender, claim: Claim) -> SendOutcome:
    try:
        return await sender.send(claim.chat_id, claim.message)
    except Exception as error:  # a bug in one send must not lose the batch's records
        logger.exception("outreach send crashed")
        return SendOutcome("failed", f"{type(error).__name__}"[:200])


def record_outcomes(
    session: Session,
    model: DeliveryModel,
    claims: Sequence[Claim],
    outcomes: Sequence[SendOutcome],
    now: datetime,
) -> None:
    """Store each outcome (commits); blocked users are unsubscribed on the spot."""
    sent_at = max(now, utcnow())
    sent = [c.row_id for c, o in zip(claims, outcomes, strict=True) if o.status == "sent"]
    if sent:
        session.execute(
            update(model).where(model.id.in_(sent)).values(status="sent", sent_at=sent_at)
        )
    for claim, outcome in zip(claims, outcomes, strict=True):
        if outcome.status != "sent":
            session.execute(
                update(model)
                .where(model.id == claim.row_id)
                .values(status=outcome.status, error=outcome.error)
            )
    blocked = [c for c, o in zip(claims, outcomes, strict=True) if o.status == "blocked"]
    if blocked:
        unsubscribe_blocked(session, blocked, sent_at)
    session.commit()


def unsubscribe_blocked(session: Session, blocked: Sequence[Claim], now: datetime) -> None:
    """Stop and forget the address of users who blocked the bot; the caller commits."""
    session.execute(
        update(Subscriber)
        .where(Subscriber.id.in_([c.subscriber_id for c in blocked]))
        .values(active=False, unsubscribed_at=now)
    )
    session.execute(
        delete(TelegramAddress).where(TelegramAddress.pseudonym.in_([c.pseudonym for c in blocked]))
    )


ClaimNext = Callable[[], Awaitable[list[Claim] | None]]
Record = Callable[[list[Claim], list[SendOutcome]], Awaitable[None]]


async def deliver_batches(
    claim_next: ClaimNext, record: Record, sender: Sender, summary: RunSummary
) -> None:
    """Claim, send and record batch after batch until ``claim_next`` returns None.

    The next batch is claimed while the previous one is still sending, so the shared
    limiter never idles between batches (at most two batches are in flight).
    """
    in_flight: tuple[list[Claim], asyncio.Task[list[SendOutcome]]] | None = None
    try:
        while (claims := await claim_next()) is not None:
            task = asyncio.create_task(send_claims(sender, claims))
            if in_flight is not None:
                await _finish(in_flight, record, summary)
            in_flight = (claims, task)
    finally:
        if in_flight is not None:
            await _finish(in_flight, record, summary)


async def _finish(
    in_flight: tuple[list[Claim], asyncio.Task[list[SendOutcome]]],
    record: Record,
    summary: RunSummary,
) -> None:
    claims, task = in_flight
    outcomes = await task
    await record(claims, outcomes)
    summary.add(outcomes)
