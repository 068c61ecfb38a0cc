"""The operations schema: incitement cases, focal points, webhook outbox, review queue.

Every user appears only as a pseudonym (keyed HMAC computed by the channel); no raw
ids, names or phone numbers are stored. Times are timezone-aware UTC on both
backends. Changing a model means adding an Alembic revision in ``migrations/``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

URL_MAX = 2048
TEXT_MAX = 4000
DESCRIPTION_MAX = 2000
PSEUDONYM_MAX = 128


def utcnow() -> datetime:
    """The current time, timezone-aware, as every column stores it."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp that comes back timezone-aware even from SQLite (which drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive times (their zone is a guess) and store UTC."""
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Mark what SQLite returns as UTC; convert what PostgreSQL returns to UTC."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names (migrations can refer to them)."""

    metadata = MetaData(naming_convention=NAMING)


class Report(Base):
    """One incitement case; repeated reports of the same normalised URL merge into it."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    url: Mapped[str | None] = mapped_column(String(URL_MAX))
    # sha256 of the normalised URL (or of the quoted text when there is none): one case each.
    dedupe_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    text: Mapped[str | None] = mapped_column(Text)
    platform: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    report_count: Mapped[int] = mapped_column(Integer, default=1)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    # The ORM adds "AND version = :old" to every UPDATE: a concurrent change fails loudly.
    __mapper_args__ = {"version_id_col": version}


class ReportSubmission(Base):
    """One person's report of a case: who (pseudonym), what they said, when."""

    __tablename__ = "report_submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    reporter_pseudonym: Mapped[str | None] = mapped_column(String(PSEUDONYM_MAX), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(8))
    # The reference handed out while the database was down (spooled), kept as an alias.
    alias_reference: Mapped[str | None] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)


class ReportAudit(Base):
    """One status change: who, when, from, to, why. Never updated or deleted."""

    __tablename__ = "report_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    from_status: Mapped[str] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")


class FeedEvent(Base):
    """A case entering verified or shared; its id is the feed cursor (only ever grows)."""

    __tablename__ = "feed_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class FocalPoint(Base):
    """A member state's receiver (country code) or the centre ("*"), with its API token."""

    __tablename__ = "focal_points"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    country: Mapped[str] = mapped_column(String(2))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    webhook_url: Mapped[str | None] = mapped_column(String(URL_MAX))
    webhook_secret: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class WebhookOutbox(Base):
    """One feed event to push to one focal point; kept until delivered, retried with backoff."""

    __tablename__ = "webhook_outbox"
    __table_args__ = (UniqueConstraint("focal_point_id", "feed_event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    focal_point_id: Mapped[int] = mapped_column(
        ForeignKey("focal_points.id", ondelete="CASCADE"), index=True
    )
    feed_event_id: Mapped[int] = mapped_column(ForeignKey("feed_events.id", ondelete="CASCADE"))
    payload: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ReviewQuestion(Base):
    """A question the bot abstained on, or a "talk to a scholar" request."""

    __tablename__ = "review_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    channel: Mapped[str | None] = mapped_column(String(32))
    pseudonym: Mapped[str | None] = mapped_column(String(PSEUDONYM_MAX), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    # The nearest entry ids the bot considered (comma-separated): context for the scholar.
    candidates: Mapped[str | None] = mapped_column(String(500))
    notify_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)
    entry_id: Mapped[str | None] = mapped_column(String(100), index=True)
    linked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    notified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
