"""Recording events: one committed row each, labels cut to size, nothing personal stored."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from bot.analytics.events import record_abstention, record_answer, record_feedback
from bot.analytics.models import AnalyticsEvent


def test_each_kind_is_stored_with_todays_date(session: Session) -> None:
    record_answer(session, "killing-civilians", "ar", "telegram")
    record_abstention(session, "en", "web")
    record_feedback(session, "killing-civilians", False, "ar", "telegram")
    session.rollback()  # already committed: nothing to lose
    rows = list(session.scalars(select(AnalyticsEvent).order_by(AnalyticsEvent.id)))
    assert [(r.kind, r.entry_id, r.helpful, r.language, r.channel) for r in rows] == [
        ("answer", "killing-civilians", None, "ar", "telegram"),
        ("abstention", None, None, "en", "web"),
        ("feedback", "killing-civilians", False, "ar", "telegram"),
    ]
    assert {row.day for row in rows} == {datetime.now(UTC).date()}


def test_labels_are_cut_to_their_columns(session: Session) -> None:
    event = record_answer(session, "x" * 500, "ar-EG-long", " ", day=date(2026, 1, 2))
    assert event.entry_id == "x" * 100 and event.language == "ar-EG-lo" and event.channel is None
    assert event.day == date(2026, 1, 2)


def test_the_table_has_no_column_for_a_person(session: Session) -> None:
    columns = {
        column["name"] for column in inspect(session.get_bind()).get_columns("analytics_events")
    }
    assert columns == {"id", "day", "kind", "entry_id", "helpful", "language", "channel"}
