"""The dialogue's recorder: events land in the table; a dead database costs only a False."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.analytics.models import AnalyticsEvent
from bot.analytics.recorder import AnalyticsRecorder
from bot.store.engine import SessionFactory, build_session_factory


def test_each_method_records_one_event(session_factory: SessionFactory, session: Session) -> None:
    recorder = AnalyticsRecorder(session_factory)
    assert recorder.answer("takfir", "ar", "telegram")
    assert recorder.abstention("en", "web")
    assert recorder.feedback("takfir", True, "ar", "telegram")
    kinds = session.scalars(select(AnalyticsEvent.kind).order_by(AnalyticsEvent.id))
    assert list(kinds) == ["answer", "abstention", "feedback"]
    assert session.scalar(select(func.count()).select_from(AnalyticsEvent)) == 3


def test_a_database_error_is_swallowed(tmp_path: Path) -> None:
    recorder = AnalyticsRecorder(build_session_factory(f"sqlite:///{tmp_path / 'unmigrated.db'}"))
    assert recorder.answer("takfir", "ar", "web") is False
