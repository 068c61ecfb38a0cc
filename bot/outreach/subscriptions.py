"""Opt-in and opt-out: the only ways a subscriber row is created, stopped or erased.

Called by the channel that knows the chat id (Telegram), never by the action server:
the raw chat id must not travel through Rasa's tracker. Each function commits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.outreach.addresses import AddressCipher, delete_address, save_address
from bot.outreach.models import Delivery, Subscriber
from bot.store.models import utcnow

Frequency = Literal["daily", "weekly"]
FREQUENCIES: tuple[Frequency, ...] = ("daily", "weekly")
LANGUAGES = ("ar", "en")
CHANNELS = ("telegram",)  # channels we can deliver to unprompted


class InvalidSubscription(ValueError):
    """A language, frequency or channel outside what outreach supports; names the field."""


def _check(channel: str, language: str, frequency: str) -> None:
    if channel not in CHANNELS:
        raise InvalidSubscription(f"channel: outreach delivers only to {', '.join(CHANNELS)}")
    if language not in LANGUAGES:
        raise InvalidSubscription("language: must be ar or en")
    if frequency not in FREQUENCIES:
        raise InvalidSubscription("frequency: must be daily or weekly")


def find_subscriber(session: Session, pseudonym: str, channel: str) -> Subscriber | None:
    """This pseudonym's subscription on this channel, active or not."""
    return session.scalar(
        select(Subscriber).where(Subscriber.pseudonym == pseudonym, Subscriber.channel == channel)
    )


def subscribe(
    session: Session,
    pseudonym: str,
    channel: str,
    language: str,
    frequency: str,
    chat_id: int,
    *,
    cipher: AddressCipher,
    now: datetime | None = None,
) -> Subscriber:
    """Opt in (or change language/frequency); the first message is due at once.

    A returning subscriber keeps their delivery history, so nothing already sent repeats.
    """
    _check(channel, language, frequency)
    now = now or utcnow()
    subscriber = find_subscriber(session, pseudonym, channel)
    if subscriber is None:
        subscriber = Subscriber(pseudonym=pseudonym, channel=channel, created_at=now)
        session.add(subscriber)
    if subscriber.id is None or not subscriber.active:
        subscriber.next_due_at = now
    subscriber.language, subscriber.frequency = language, frequency
    subscriber.active, subscriber.unsubscribed_at = True, None
    save_address(session, cipher, pseudonym, chat_id)
    session.commit()
    return subscriber


def unsubscribe(
    session: Session, pseudonym: str, channel: str = "telegram", *, now: datetime | None = None
) -> bool:
    """Opt out at once: no further claim picks them, and their address is deleted."""
    subscriber = find_subscriber(session, pseudonym, channel)
    delete_address(session, pseudonym)
    if subscriber is None or not subscriber.active:
        session.commit()
        return False
    subscriber.active, subscriber.unsubscribed_at = False, now or utcnow()
    session.commit()
    return True


def forget(session: Session, pseudonym: str) -> int:
    """Erase the pseudonym's subscriptions, deliveries and address (cascade); rows deleted."""
    delete_address(session, pseudonym)
    result = session.execute(delete(Subscriber).where(Subscriber.pseudonym == pseudonym))
    session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def export_subscriptions(session: Session, pseudonym: str) -> list[dict[str, Any]]:
    """The pseudonym's subscriptions and the counter-messages sent to them (for data export)."""
    subscribers = session.scalars(select(Subscriber).where(Subscriber.pseudonym == pseudonym))
    exported = []
    for subscriber in subscribers:
        deliveries = session.execute(
            select(Delivery.message_id, Delivery.status, Delivery.sent_at)
            .where(Delivery.subscriber_id == subscriber.id)
            .order_by(Delivery.id)
        )
        exported.append({
            "channel": subscriber.channel, "language": subscriber.language,
            "frequency": subscriber.frequency, "active": subscriber.active,
            "created_at": subscriber.created_at.isoformat(),
            "messages": [{"id": m, "status": s, "sent_at": t.isoformat() if t else None}
                         for m, s, t in deliveries],
        })  # fmt: skip
    return exported
