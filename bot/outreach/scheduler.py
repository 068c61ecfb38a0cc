"""The scheduler: each due subscriber gets their next counter-message, at their frequency.

"Next" is the first message of knowledge/counter_messages.yaml (file order) in the
subscriber's language that has no delivery row for them, whatever its status: so a
message is never offered twice, not even after a failure or an interrupted send.
``run_due`` is idempotent: a second run at the same ``now`` finds nobody due.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.knowledge.model import CounterMessage
from bot.outreach.addresses import AddressCipher, load_chat_ids
from bot.outreach.campaign_delivery import deliver_due_campaigns
from bot.outreach.delivery import (
    Claim,
    RunSummary,
    deliver_batches,
    insert_claims,
    record_outcomes,
    resolve_stale,
)
from bot.outreach.messages import counter_message, next_counter_message
from bot.outreach.models import Delivery, DeliveryStatus, Subscriber
from bot.outreach.sender import Sender, SendOutcome
from bot.store.engine import SessionFactory, in_session
from bot.store.models import utcnow

logger = logging.getLogger(__name__)
INTERVALS = {"daily": timedelta(days=1), "weekly": timedelta(weeks=1)}
BATCH_SIZE = 100  # claims per transaction: bounds the at-most-once doubt window
TICK_S = 60.0


def next_due(previous: datetime, frequency: str, now: datetime) -> datetime:
    """The first slot after ``now`` on the subscriber's grid (missed slots are not caught up)."""
    step = INTERVALS[frequency]
    due = previous + step
    if due <= now:
        due += step * ((now - due) // step + 1)
    return due


def _advance(session: Session, subscriber: Subscriber, now: datetime) -> bool:
    """Move the subscriber to their next slot if no other run did first (compare-and-set)."""
    result = session.execute(
        update(Subscriber)
        .where(
            Subscriber.id == subscriber.id,
            Subscriber.next_due_at == subscriber.next_due_at,
            Subscriber.active.is_(True),
        )
        .values(next_due_at=next_due(subscriber.next_due_at, subscriber.frequency, now))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0) == 1


def _history(session: Session, subscriber_ids: list[int]) -> dict[int, set[str]]:
    """Message ids each subscriber already has a delivery row for."""
    history: dict[int, set[str]] = defaultdict(set)
    rows = session.execute(
        select(Delivery.subscriber_id, Delivery.message_id).where(
            Delivery.subscriber_id.in_(subscriber_ids)
        )
    )
    for subscriber_id, message_id in rows:
        history[subscriber_id].add(message_id)
    return history


def claim_scheduled(
    session: Session,
    cipher: AddressCipher,
    messages: Sequence[CounterMessage],
    now: datetime,
    limit: int,
) -> tuple[list[Claim], int]:
    """Claim the next batch of due subscribers (commits); (claims, subscribers examined)."""
    due = session.scalars(
        select(Subscriber)
        .where(Subscriber.active.is_(True), Subscriber.next_due_at <= now)
        .order_by(Subscriber.next_due_at, Subscriber.id)
        .limit(limit)
    ).all()
    history = _history(session, [s.id for s in due])
    chat_ids = load_chat_ids(session, cipher, [s.pseudonym for s in due])
    planned: dict[int, tuple[Claim, str]] = {}
    for subscriber in due:
        if not _advance(session, subscriber, now):
            continue
        message = next_counter_message(messages, subscriber.language, history[subscriber.id])
        chat_id = chat_ids.get(subscriber.pseudonym)
        if chat_id is None:  # no readable address (e.g. secret_key rotated): skip this slot
            logger.warning("outreach subscriber %d has no readable address", subscriber.id)
        if message is None or chat_id is None:
            continue
        outgoing = counter_message(message, subscriber.language)
        claim = Claim(0, subscriber.id, subscriber.pseudonym, chat_id, outgoing)
        planned[subscriber.id] = (claim, message.id)
    rows = [
        {"subscriber_id": sid, "message_id": message_id, "status": DeliveryStatus.SENDING,
         "claimed_at": now}
        for sid, (_claim, message_id) in planned.items()
    ]  # fmt: skip
    inserted = insert_claims(session, Delivery, rows)
    session.commit()
    return [replace(planned[sid][0], row_id=row_id) for row_id, sid in inserted], len(due)


async def run_due(
    session_factory: SessionFactory,
    sender: Sender,
    now: datetime,
    *,
    messages: Sequence[CounterMessage],
    cipher: AddressCipher,
    batch_size: int = BATCH_SIZE,
) -> RunSummary:
    """Deliver due campaigns, then every due subscriber's next message; safe to repeat."""
    summary = RunSummary()
    await asyncio.to_thread(in_session, session_factory, resolve_stale, now)
    await deliver_due_campaigns(session_factory, sender, now, cipher, summary, batch_size)

    async def claim_next() -> list[Claim] | None:
        claims, examined = await asyncio.to_thread(
            in_session, session_factory, claim_scheduled, cipher, messages, now, batch_size
        )
        return claims if examined else None

    async def record(claims: list[Claim], outcomes: list[SendOutcome]) -> None:
        await asyncio.to_thread(
            in_session, session_factory, record_outcomes, Delivery, claims, outcomes, now
        )

    await deliver_batches(claim_next, record, sender, summary)
    return summary


async def scheduler_loop(
    session_factory: SessionFactory,
    sender: Sender,
    *,
    load_messages: Callable[[], Sequence[CounterMessage]],
    cipher: AddressCipher,
    stop: threading.Event,
    tick_s: float = TICK_S,
) -> None:
    """``run_due`` every ``tick_s`` until ``stop`` is set; a failed run waits for the next.

    ``load_messages`` is called each tick, so counter-messages added to knowledge/ are
    picked up without a restart.
    """
    while not stop.is_set():
        try:
            summary = await run_due(
                session_factory, sender, utcnow(), messages=load_messages(), cipher=cipher
            )
            if summary.sent or summary.failed or summary.blocked:
                logger.info("outreach run: %s", summary)
        except Exception:  # the database may be back next tick; never stop the loop
            logger.exception("outreach run failed")
        await asyncio.to_thread(stop.wait, tick_s)
