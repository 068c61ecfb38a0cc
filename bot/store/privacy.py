"""Privacy sweeps over our tables: forget one user, export one user, apply retention.

A user exists here only as a pseudonym, in two places: the review queue (their
questions) and report submissions (who reported what). Cases themselves hold no
personal data and stay: a report about a public post is evidence, not the
reporter's data; forgetting removes the reporter's link and words from it.
Rasa's tracker store is cleared by bot.channels.forget, not here.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.store.models import Report, ReportSubmission, ReviewQuestion, WebhookOutbox, utcnow


def _rowcount(result: object) -> int:
    """Rows a DELETE touched (every DML result has a rowcount; typing only promises Result)."""
    return int(getattr(result, "rowcount", 0) or 0)


def forget_pseudonym(session: Session, pseudonym: str) -> dict[str, int]:
    """Delete every row of this pseudonym (commits); returns rows deleted per table."""
    questions = session.execute(delete(ReviewQuestion).where(ReviewQuestion.pseudonym == pseudonym))
    submissions = session.execute(
        delete(ReportSubmission).where(ReportSubmission.reporter_pseudonym == pseudonym)
    )
    session.commit()
    return {
        "review_questions": _rowcount(questions),
        "report_submissions": _rowcount(submissions),
    }


def export_pseudonym(session: Session, pseudonym: str) -> dict[str, Any]:
    """Everything stored about this pseudonym, as plain JSON-ready data."""
    questions = session.scalars(
        select(ReviewQuestion)
        .where(ReviewQuestion.pseudonym == pseudonym)
        .order_by(ReviewQuestion.id)
    )
    reports = session.execute(
        select(ReportSubmission, Report.reference, Report.status)
        .join(Report, Report.id == ReportSubmission.report_id)
        .where(ReportSubmission.reporter_pseudonym == pseudonym)
        .order_by(ReportSubmission.id)
    )
    return {
        "pseudonym": pseudonym,
        "questions": [
            {"text": q.text, "language": q.language, "channel": q.channel, "kind": q.kind,
             "notify_opt_in": q.notify_opt_in, "candidates": q.candidates, "created_at": q.created_at.isoformat()}
            for q in questions
        ],
        "reports": [
            {"reference": reference, "status": status, "description": s.description,
             "language": s.language, "created_at": s.created_at.isoformat()}
            for s, reference, status in reports
        ],
    }  # fmt: skip


def delete_older_than(
    session: Session, days: int, *, now: datetime | None = None
) -> dict[str, int]:
    """Retention (commits): delete rows older than ``days`` before ``now`` (default: the clock).

    Queued questions, report submissions and delivered webhooks go; cases keep their
    counters and triage history, so only who-said-what expires.
    """
    if days < 1:
        raise ValueError("retention days must be at least 1")
    cutoff = (now or utcnow()) - timedelta(days=days)
    counts = {
        "review_questions": delete(ReviewQuestion).where(ReviewQuestion.created_at < cutoff),
        "report_submissions": delete(ReportSubmission).where(ReportSubmission.created_at < cutoff),
        "webhook_outbox": delete(WebhookOutbox).where(
            WebhookOutbox.delivered_at.is_not(None), WebhookOutbox.delivered_at < cutoff
        ),
    }
    deleted = {table: _rowcount(session.execute(statement)) for table, statement in counts.items()}
    session.commit()
    return deleted
