"""Forget, export and retention over every table that can hold a pseudonym."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.reports.service import get_report
from bot.review_queue.service import record_question
from bot.store.models import ReportSubmission, ReviewQuestion, utcnow
from bot.store.privacy import delete_older_than, export_pseudonym, forget_pseudonym
from tests.reports.factories import file_report


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _seed(session: Session) -> str:
    record_question(
        session, text="mine", language="en", channel="web", pseudonym="me", kind="abstained"
    )
    record_question(
        session, text="theirs", language="ar", channel="web", pseudonym="them", kind="ask_scholar"
    )
    reference = file_report(session, reporter_pseudonym="me", description="my words").reference
    file_report(session, reporter_pseudonym="them")  # same link: merged
    return reference


def test_export_lists_everything_of_one_pseudonym_only(session: Session) -> None:
    reference = _seed(session)
    export = export_pseudonym(session, "me")
    assert [q["text"] for q in export["questions"]] == ["mine"]
    assert [(r["reference"], r["description"]) for r in export["reports"]] == [
        (reference, "my words")
    ]
    assert export_pseudonym(session, "nobody") == {
        "pseudonym": "nobody",
        "questions": [],
        "reports": [],
    }


def test_forget_deletes_the_rows_and_keeps_the_anonymous_case(session: Session) -> None:
    reference = _seed(session)
    assert forget_pseudonym(session, "me") == {"review_questions": 1, "report_submissions": 1}
    assert export_pseudonym(session, "me")["questions"] == []
    assert _count(session, ReviewQuestion) == 1 and _count(session, ReportSubmission) == 1
    assert get_report(session, reference).report_count == 2


def test_retention_deletes_only_old_rows(session: Session) -> None:
    _seed(session)
    old = utcnow() - timedelta(days=100)
    session.query(ReviewQuestion).filter(ReviewQuestion.pseudonym == "me").update(
        {"created_at": old}
    )
    session.query(ReportSubmission).filter(ReportSubmission.reporter_pseudonym == "me").update(
        {"created_at": old}
    )
    session.commit()
    deleted = delete_older_than(session, 90)
    assert deleted == {"review_questions": 1, "report_submissions": 1, "webhook_outbox": 0}
    assert _count(session, ReviewQuestion) == 1
    with pytest.raises(ValueError):
        delete_older_than(session, 0)


def test_retention_counts_from_the_given_now(session: Session) -> None:
    _seed(session)
    deleted = delete_older_than(session, 90, now=utcnow() + timedelta(days=91))
    assert deleted["review_questions"] == 2 and deleted["report_submissions"] == 2
