"""What the dialogue and the API call: file a report, look a case up by reference.

``submit_report`` commits before it returns: a report is either stored or, when the
database cannot be reached and a spool directory is given, written to the spool.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from bot.reports.errors import DatabaseUnavailable, NotFound
from bot.reports.intake import ReportInput, store_report, validate_report
from bot.reports.references import canonical_reference
from bot.reports.spool import spool_report
from bot.store.models import Report, ReportSubmission

logger = logging.getLogger(__name__)


def submit_report(
    session: Session,
    *,
    url: str | None,
    text: str | None,
    platform: str | None,
    country: str | None,
    description: str | None,
    language: str | None,
    reporter_pseudonym: str | None,
    spool_dir: Path | None = None,
) -> Report:
    """Validate, store (merging repeats of the same link) and commit; returns the case.

    A merged repeat returns the existing case, so the reporter gets its reference.
    With ``spool_dir`` an unreachable database spools the report instead of failing;
    the returned case is then unsaved (``id`` is None) but its reference is final.
    """
    data = validate_report(
        url=url, text=text, platform=platform, country=country, description=description,
        language=language, reporter_pseudonym=reporter_pseudonym,
    )  # fmt: skip
    return store_validated_report(session, data, spool_dir=spool_dir)


def store_validated_report(
    session: Session, data: ReportInput, *, spool_dir: Path | None = None
) -> Report:
    """Store (or spool) an already validated report and commit; see ``submit_report``."""
    try:
        report, merged = store_report(session, data)
        session.commit()
    except DBAPIError as error:
        _rollback_quietly(session)
        if spool_dir is None or not _is_connection_error(error):
            raise DatabaseUnavailable("the reports database is unavailable") from error
        return spool_report(spool_dir, data)
    logger.info("report %s %s", report.reference, "merged" if merged else "filed")
    return report


def _is_connection_error(error: DBAPIError) -> bool:
    """Connection failures (and SQLite's locked file) are worth spooling; bad SQL is not."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    return error.connection_invalidated or isinstance(error, OperationalError | InterfaceError)


def _rollback_quietly(session: Session) -> None:
    try:
        session.rollback()
    except DBAPIError:
        logger.debug("rollback failed on a dead connection", exc_info=True)


def get_report(session: Session, reference: str) -> Report:
    """The case with this reference (or a spooled alias of it); raises NotFound."""
    canonical = canonical_reference(reference)
    if canonical is None:
        raise NotFound("no case with that reference")
    report = session.scalar(select(Report).where(Report.reference == canonical))
    if report is None:
        report = session.scalar(
            select(Report)
            .join(ReportSubmission, ReportSubmission.report_id == Report.id)
            .where(ReportSubmission.alias_reference == canonical)
        )
    if report is None:
        raise NotFound(f"no case with reference {canonical}")
    return report
