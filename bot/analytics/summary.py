"""Numbers for the dashboard: per-day answers and abstentions, languages, channels, entries.

Every figure is an aggregate over ``days`` whole days ending today (UTC), computed in
the database with GROUP BY so the cost does not grow with the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.analytics.events import EventKind
from bot.analytics.models import AnalyticsEvent

TOP_ENTRIES = 10
UNKNOWN = "unknown"


@dataclass(frozen=True)
class DayCount:
    """Answers and abstentions on one day."""

    day: date
    answers: int = 0
    abstentions: int = 0


@dataclass(frozen=True)
class EntryFeedback:
    """Votes on one entry."""

    entry_id: str
    helpful: int
    not_helpful: int

    @property
    def helpful_share(self) -> float:
        """Helpful votes as a fraction of all votes (0 when none)."""
        total = self.helpful + self.not_helpful
        return self.helpful / total if total else 0.0


@dataclass
class AnalyticsSummary:
    """What the overview page shows for one period."""

    first_day: date
    last_day: date
    per_day: list[DayCount]
    languages: dict[str, int] = field(default_factory=dict)
    channels: dict[str, int] = field(default_factory=dict)
    top_entries: list[tuple[str, int]] = field(default_factory=list)
    feedback: list[EntryFeedback] = field(default_factory=list)

    @property
    def answers(self) -> int:
        """Answers served in the period."""
        return sum(day.answers for day in self.per_day)

    @property
    def abstentions(self) -> int:
        """Questions declined in the period."""
        return sum(day.abstentions for day in self.per_day)

    @property
    def abstention_rate(self) -> float:
        """Abstentions over all questions (0 when there were none)."""
        total = self.answers + self.abstentions
        return self.abstentions / total if total else 0.0


def summary(session: Session, days: int, today: date | None = None) -> AnalyticsSummary:
    """Aggregates over the last ``days`` days (today included)."""
    if days < 1:
        raise ValueError("days: at least 1")
    last = today or datetime.now(UTC).date()
    first = last - timedelta(days=days - 1)
    in_period = (AnalyticsEvent.day >= first, AnalyticsEvent.day <= last)
    questions = (*in_period, AnalyticsEvent.kind.in_([EventKind.ANSWER, EventKind.ABSTENTION]))
    return AnalyticsSummary(
        first_day=first,
        last_day=last,
        per_day=_per_day(session, first, last, in_period),
        languages=_counts(session, AnalyticsEvent.language, questions),
        channels=_counts(session, AnalyticsEvent.channel, questions),
        top_entries=_top_entries(session, in_period),
        feedback=_feedback(session, in_period),
    )


def _per_day(session: Session, first: date, last: date, where: Iterable[Any]) -> list[DayCount]:
    rows = session.execute(
        select(AnalyticsEvent.day, AnalyticsEvent.kind, func.count())
        .where(*where)
        .group_by(AnalyticsEvent.day, AnalyticsEvent.kind)
    )
    counts: dict[tuple[date, str], int] = {(day, kind): count for day, kind, count in rows}
    span = (last - first).days + 1
    return [
        DayCount(
            day,
            counts.get((day, EventKind.ANSWER.value), 0),
            counts.get((day, EventKind.ABSTENTION.value), 0),
        )
        for day in (first + timedelta(days=offset) for offset in range(span))
    ]


def _counts(session: Session, column: Any, where: Iterable[Any]) -> dict[str, int]:
    rows = session.execute(select(column, func.count()).where(*where).group_by(column))
    counts = {str(value or UNKNOWN): int(count) for value, count in rows}
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _top_entries(session: Session, where: Iterable[Any]) -> list[tuple[str, int]]:
    count = func.count().label("n")
    rows = session.execute(
        select(AnalyticsEvent.entry_id, count)
        .where(*where, AnalyticsEvent.kind == EventKind.ANSWER.value)
        .where(AnalyticsEvent.entry_id.is_not(None))
        .group_by(AnalyticsEvent.entry_id)
        .order_by(count.desc(), AnalyticsEvent.entry_id)
        .limit(TOP_ENTRIES)
    )
    return [(str(entry), int(n)) for entry, n in rows]


def _feedback(session: Session, where: Iterable[Any]) -> list[EntryFeedback]:
    rows = session.execute(
        select(AnalyticsEvent.entry_id, AnalyticsEvent.helpful, func.count())
        .where(*where, AnalyticsEvent.kind == EventKind.FEEDBACK.value)
        .where(AnalyticsEvent.entry_id.is_not(None))
        .group_by(AnalyticsEvent.entry_id, AnalyticsEvent.helpful)
    )
    votes: dict[str, list[int]] = {}
    for entry, helpful, count in rows:
        votes.setdefault(str(entry), [0, 0])[0 if helpful else 1] += int(count)
    ranked = sorted(votes.items(), key=lambda item: (-sum(item[1]), item[0]))
    return [EntryFeedback(entry, up, down) for entry, (up, down) in ranked]
