"""The schema's behaviour that both backends must share: UTC times, foreign keys, versions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.models import ReportSubmission, ReviewQuestion


def test_times_come_back_timezone_aware_utc(session: Session) -> None:
    cairo = timezone(timedelta(hours=2))
    question = ReviewQuestion(
        text="q", kind="abstained", created_at=datetime(2026, 1, 1, 12, tzinfo=cairo)
    )
    session.add(question)
    session.commit()
    session.expire_all()
    stored = session.get_one(ReviewQuestion, question.id).created_at
    assert stored == datetime(2026, 1, 1, 10, tzinfo=UTC)
    assert stored.tzinfo is not None


def test_naive_times_are_refused(session: Session) -> None:
    session.add(ReviewQuestion(text="q", kind="abstained", created_at=datetime(2026, 1, 1)))
    with pytest.raises(Exception, match="naive"):
        session.commit()


def test_foreign_keys_are_enforced(session: Session) -> None:
    session.add(ReportSubmission(report_id=999_999, description=""))
    with pytest.raises(IntegrityError):
        session.commit()
