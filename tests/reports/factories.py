"""Small builders for report tests: a valid report with overridable fields."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.reports.service import submit_report
from bot.reports.triage import change_status
from bot.store.models import Report


def file_report(session: Session, **overrides: Any) -> Report:
    """Submit a valid report; any field can be overridden."""
    fields: dict[str, Any] = {
        "url": "https://t.me/example_channel/42",
        "text": None,
        "platform": None,
        "country": "JO",
        "description": "calls for violence",
        "language": "en",
        "reporter_pseudonym": "p-reporter-1",
    }
    fields.update(overrides)
    return submit_report(session, **fields)


def verify(session: Session, report: Report, *, actor: str = "analyst") -> Report:
    """Move a new case to verified through the workflow."""
    report = change_status(
        session, report.reference, to_status="under_review", reason="looking",
        expected_version=report.version, actor=actor,
    )  # fmt: skip
    return change_status(
        session, report.reference, to_status="verified", reason="confirmed",
        expected_version=report.version, actor=actor,
    )  # fmt: skip
