"""Recording usage events. Each call commits at once: analytics must never hold up a reply.

The caller passes the day only in tests; otherwise it is today's UTC date. Values are
cut to their column sizes rather than refused, because a bad label is not worth
losing the count.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from bot.analytics.models import ENTRY_ID_MAX, AnalyticsEvent


class EventKind(StrEnum):
    """What happened: an answer served, an abstention, or a helpful/not-helpful vote."""

    ANSWER = "answer"
    ABSTENTION = "abstention"
    FEEDBACK = "feedback"


def _label(value: str | None, limit: int) -> str | None:
    clean = (value or "").strip()
    return clean[:limit] or None


def _record(session: Session, event: AnalyticsEvent, day: date | None) -> AnalyticsEvent:
    event.day = day or datetime.now(UTC).date()
    session.add(event)
    session.commit()
    return event


def record_answer(
    session: Session,
    entry_id: str,
    lang: str | None,
    channel: str | None,
    *,
    day: date | None = None,
) -> AnalyticsEvent:
    """Count one answer served from ``entry_id`` (commits)."""
    event = AnalyticsEvent(
        kind=EventKind.ANSWER.value, entry_id=_label(entry_id, ENTRY_ID_MAX),
        language=_label(lang, 8), channel=_label(channel, 32),
    )  # fmt: skip
    return _record(session, event, day)


def record_abstention(
    session: Session, lang: str | None, channel: str | None, *, day: date | None = None
) -> AnalyticsEvent:
    """Count one question the bot declined to answer (commits)."""
    event = AnalyticsEvent(
        kind=EventKind.ABSTENTION.value, language=_label(lang, 8), channel=_label(channel, 32)
    )
    return _record(session, event, day)


def record_feedback(
    session: Session,
    entry_id: str,
    helpful: bool,
    lang: str | None,
    channel: str | None,
    *,
    day: date | None = None,
) -> AnalyticsEvent:
    """Count one helpful / not helpful vote on ``entry_id`` (commits)."""
    event = AnalyticsEvent(
        kind=EventKind.FEEDBACK.value, entry_id=_label(entry_id, ENTRY_ID_MAX),
        helpful=bool(helpful), language=_label(lang, 8), channel=_label(channel, 32),
    )  # fmt: skip
    return _record(session, event, day)
