"""The outreach tables: subscribers, their delivery address, deliveries, campaigns.

The Telegram chat id is the one raw identifier outreach needs; it lives in its own
table, encrypted (see addresses.py), and is deleted as soon as the subscriber stops.
Unique constraints make "never the same message twice" a database guarantee.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.models import PSEUDONYM_MAX, Base, UtcDateTime, utcnow

MESSAGE_ID_MAX = 100
ERROR_MAX = 200


class DeliveryStatus(StrEnum):
    """Where one message to one subscriber stands."""

    SENDING = "sending"  # claimed; the send is in flight (or the process died during it)
    SENT = "sent"
    FAILED = "failed"  # the sender gave up after its retries; not retried (at most once)
    BLOCKED = "blocked"  # the user blocked the bot; they were unsubscribed
    INTERRUPTED = "interrupted"  # a stale "sending": outcome unknown, never resent


class CampaignStatus(StrEnum):
    """A campaign's life: scheduled → sending → done, or cancelled before it is done."""

    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    SENDING = "sending"
    DONE = "done"


class Subscriber(Base):
    """One opted-in user of one channel: language, frequency and when the next message is due."""

    __tablename__ = "outreach_subscribers"
    __table_args__ = (UniqueConstraint("pseudonym", "channel"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(PSEUDONYM_MAX))  # indexed by the unique pair
    channel: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(2))
    frequency: Mapped[str] = mapped_column(String(8))  # daily | weekly
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    next_due_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class TelegramAddress(Base):
    """Where to deliver to a Telegram pseudonym: the chat id, Fernet-encrypted."""

    __tablename__ = "outreach_telegram_addresses"

    pseudonym: Mapped[str] = mapped_column(String(PSEUDONYM_MAX), primary_key=True)
    chat_id_encrypted: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class Delivery(Base):
    """One counter-message to one subscriber; the unique pair means it is sent at most once."""

    __tablename__ = "outreach_deliveries"
    __table_args__ = (UniqueConstraint("subscriber_id", "message_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(
        ForeignKey("outreach_subscribers.id", ondelete="CASCADE")
    )
    message_id: Mapped[str] = mapped_column(String(MESSAGE_ID_MAX))
    status: Mapped[str] = mapped_column(String(16), index=True)
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    error: Mapped[str | None] = mapped_column(String(ERROR_MAX))


class Campaign(Base):
    """A one-off message to every subscriber of a language (or of both)."""

    __tablename__ = "outreach_campaigns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    language: Mapped[str] = mapped_column(String(3))  # ar | en | all
    text_ar: Mapped[str | None] = mapped_column(Text)
    text_en: Mapped[str | None] = mapped_column(Text)
    entry_id: Mapped[str | None] = mapped_column(String(MESSAGE_ID_MAX))
    scheduled_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class CampaignAudit(Base):
    """One thing that happened to a campaign: who, when, what. Never updated or deleted."""

    __tablename__ = "outreach_campaign_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("outreach_campaigns.id", ondelete="CASCADE"), index=True
    )
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))  # scheduled | cancelled | started | done
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class CampaignDelivery(Base):
    """A campaign's message to one subscriber; unique per pair, so delivered at most once."""

    __tablename__ = "outreach_campaign_deliveries"
    __table_args__ = (UniqueConstraint("campaign_id", "subscriber_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("outreach_campaigns.id", ondelete="CASCADE")
    )
    subscriber_id: Mapped[int] = mapped_column(
        ForeignKey("outreach_subscribers.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), index=True)
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    error: Mapped[str | None] = mapped_column(String(ERROR_MAX))
