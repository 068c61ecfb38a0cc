"""Moving a case through the workflow, audited and safe against concurrent edits.

The caller sends the version it read; a different current version, or a concurrent
commit caught by the ORM's version check, is a ConflictError (HTTP 409). Entering
verified/shared (or a retraction) appends a feed event and queues the webhooks in
the same transaction, so the feed, the outbox and the case never disagree.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from bot.reports.errors import ConflictError, InvalidReport, InvalidTransition
from bot.reports.service import get_report
from bot.reports.webhooks import enqueue_webhooks
from bot.reports.workflow import ReportStatus, announces, is_allowed
from bot.store.models import DESCRIPTION_MAX, FeedEvent, Report, ReportAudit, utcnow

ACTOR_MAX = 200


def change_status(
    session: Session,
    reference: str,
    *,
    to_status: str,
    reason: str,
    expected_version: int,
    actor: str,
) -> Report:
    """Apply one workflow step and commit; raises ConflictError on a stale version."""
    report = get_report(session, reference)
    target = _check_change(report, to_status, reason, expected_version)
    previous, case_reference, now = report.status, report.reference, utcnow()
    session.add(
        ReportAudit(report_id=report.id, actor=actor[:ACTOR_MAX], at=now, from_status=previous,
                    to_status=target, reason=reason.strip())
    )  # fmt: skip
    report.status, report.updated_at = target, now
    try:
        session.flush()
        if announces(previous, target):
            _announce(session, report)
        session.commit()
    except StaleDataError as error:
        session.rollback()
        raise ConflictError(f"case {case_reference} was changed by someone else; reload") from error
    return report


def _announce(session: Session, report: Report) -> None:
    """Append the feed event and queue its webhooks (same transaction as the change)."""
    event = FeedEvent(report_id=report.id, status=report.status, country=report.country)
    session.add(event)
    session.flush()
    enqueue_webhooks(session, report, event)


def _check_change(report: Report, to_status: str, reason: str, expected_version: int) -> str:
    """The validated target status; raises the error the caller should see."""
    if expected_version != report.version:
        raise ConflictError(
            f"case {report.reference} is at version {report.version}, not {expected_version}; reload"
        )
    try:
        target = ReportStatus(to_status)
    except ValueError as error:
        allowed = ", ".join(status.value for status in ReportStatus)
        raise InvalidReport(f"status: must be one of {allowed}") from error
    if not is_allowed(report.status, target):
        raise InvalidTransition(f"status: a {report.status} case cannot become {target.value}")
    if not reason.strip() or len(reason) > DESCRIPTION_MAX:
        raise InvalidReport(f"reason: required, at most {DESCRIPTION_MAX} characters")
    return target.value


def audit_trail(session: Session, reference: str) -> list[ReportAudit]:
    """Every status change of the case, oldest first."""
    report = get_report(session, reference)
    query = select(ReportAudit).where(ReportAudit.report_id == report.id).order_by(ReportAudit.id)
    return list(session.scalars(query))
