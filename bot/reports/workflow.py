"""The triage workflow: which status may follow which, and what reaches focal points."""

from __future__ import annotations

from enum import StrEnum


class ReportStatus(StrEnum):
    """Where a case is in triage."""

    NEW = "new"
    UNDER_REVIEW = "under_review"
    VERIFIED = "verified"
    SHARED = "shared"
    DISMISSED = "dismissed"


ALLOWED_TRANSITIONS: dict[ReportStatus, frozenset[ReportStatus]] = {
    ReportStatus.NEW: frozenset({ReportStatus.UNDER_REVIEW, ReportStatus.DISMISSED}),
    ReportStatus.UNDER_REVIEW: frozenset({ReportStatus.VERIFIED, ReportStatus.DISMISSED}),
    ReportStatus.VERIFIED: frozenset({ReportStatus.SHARED, ReportStatus.DISMISSED}),
    ReportStatus.SHARED: frozenset({ReportStatus.DISMISSED}),
    # A dismissal can be reopened when new evidence arrives.
    ReportStatus.DISMISSED: frozenset({ReportStatus.UNDER_REVIEW}),
}

# Statuses focal points see in their feed.
FEED_STATUSES = frozenset({ReportStatus.VERIFIED, ReportStatus.SHARED})


def is_allowed(from_status: str, to_status: str) -> bool:
    """True when the workflow lets a case move from one status to the other."""
    return ReportStatus(to_status) in ALLOWED_TRANSITIONS[ReportStatus(from_status)]


def announces(from_status: str, to_status: str) -> bool:
    """True when the change must reach focal points: entering the feed, or a retraction."""
    entering = ReportStatus(to_status) in FEED_STATUSES
    retracted = ReportStatus(from_status) in FEED_STATUSES and to_status == ReportStatus.DISMISSED
    return entering or retracted
