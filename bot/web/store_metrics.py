"""Metrics read from the database at scrape time: what every process recorded, not just ours.

Answers and abstentions are recorded by the action server (another process), so the
gateway's in-process counters cannot see them; the analytics table can. Cases by
status and the review-queue length are gauges of the same kind. One scrape costs a
few GROUP BY queries; a database that is down yields no samples instead of an error.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.analytics.models import AnalyticsEvent
from bot.review_queue.service import GAP_KINDS
from bot.store.engine import SessionFactory
from bot.store.models import Report, ReviewQuestion

logger = logging.getLogger(__name__)


class StoreCollector(Collector):
    """Totals from the analytics table and the queues, computed on each scrape."""

    def __init__(self, sessions: SessionFactory) -> None:
        self.sessions = sessions

    def collect(self) -> Iterator[Metric]:
        """The samples (none when the database cannot be read)."""
        try:
            with self.sessions() as session:
                metrics = [*_analytics(session), _cases(session), _waiting(session)]
        except SQLAlchemyError:
            logger.warning("metrics: database unavailable for this scrape")
            return
        yield from metrics


def _analytics(session: Session) -> list[Metric]:
    families = {
        "answer": CounterMetricFamily(
            "hiwar_recorded_answers", "Answers recorded by any process (analytics table)",
            labels=["lang", "channel"],
        ),
        "abstention": CounterMetricFamily(
            "hiwar_recorded_abstentions", "Abstentions recorded by any process (analytics table)",
            labels=["lang", "channel"],
        ),
    }  # fmt: skip
    feedback = CounterMetricFamily(
        "hiwar_recorded_feedback", "Feedback votes recorded", labels=["helpful"]
    )
    rows = session.execute(
        select(AnalyticsEvent.kind, AnalyticsEvent.language, AnalyticsEvent.channel,
               AnalyticsEvent.helpful, func.count())
        .group_by(AnalyticsEvent.kind, AnalyticsEvent.language, AnalyticsEvent.channel,
                  AnalyticsEvent.helpful)
    )  # fmt: skip
    votes = {"true": 0, "false": 0}
    for kind, lang, channel, helpful, count in rows:
        if kind in families:
            families[kind].add_metric([lang or "unknown", channel or "unknown"], int(count))
        elif kind == "feedback":
            votes["true" if helpful else "false"] += int(count)
    for label, count in votes.items():
        feedback.add_metric([label], count)
    return [*families.values(), feedback]


def _cases(session: Session) -> Metric:
    gauge = GaugeMetricFamily("hiwar_report_cases", "Incitement cases by status", labels=["status"])
    for status, count in session.execute(
        select(Report.status, func.count()).group_by(Report.status)
    ):
        gauge.add_metric([str(status)], int(count))
    return gauge


def _waiting(session: Session) -> Metric:
    query = select(func.count()).where(
        ReviewQuestion.entry_id.is_(None), ReviewQuestion.kind.in_(list(GAP_KINDS))
    )
    return GaugeMetricFamily(
        "hiwar_review_queue_waiting", "Queued questions not yet linked to an entry",
        value=int(session.scalar(query) or 0),
    )  # fmt: skip
