"""Status changes: audited, validated against the workflow, safe under concurrency."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.reports.errors import ConflictError, InvalidReport, InvalidTransition
from bot.reports.service import get_report
from bot.reports.triage import audit_trail, change_status
from bot.store.engine import SessionFactory
from bot.store.models import FeedEvent
from tests.reports.factories import file_report, verify


def test_each_change_is_audited_with_who_when_from_to_why(session: Session) -> None:
    report = verify(session, file_report(session), actor="analyst:amal")
    trail = audit_trail(session, report.reference)
    assert [(a.from_status, a.to_status, a.reason) for a in trail] == [
        ("new", "under_review", "looking"),
        ("under_review", "verified", "confirmed"),
    ]
    assert {a.actor for a in trail} == {"analyst:amal"}
    assert all(a.at.tzinfo is not None for a in trail)
    assert report.version == 3


def test_stale_version_is_a_conflict(session: Session) -> None:
    report = file_report(session)
    change_status(
        session,
        report.reference,
        to_status="under_review",
        reason="r",
        expected_version=1,
        actor="a",
    )
    with pytest.raises(ConflictError, match="version 2, not 1"):
        change_status(
            session,
            report.reference,
            to_status="dismissed",
            reason="r",
            expected_version=1,
            actor="b",
        )


def test_concurrent_change_with_the_same_version_loses(session_factory: SessionFactory) -> None:
    with session_factory() as setup:
        reference = file_report(setup).reference
    first, second = session_factory(), session_factory()
    try:
        held = [get_report(first, reference), get_report(second, reference)]  # both at version 1
        assert [case.version for case in held] == [1, 1]
        change_status(
            first, reference, to_status="under_review", reason="mine", expected_version=1, actor="a"
        )
        with pytest.raises(ConflictError, match="changed by someone else"):
            change_status(
                second,
                reference,
                to_status="dismissed",
                reason="theirs",
                expected_version=1,
                actor="b",
            )
    finally:
        first.close()
        second.close()
    with session_factory() as check:
        assert [a.actor for a in audit_trail(check, reference)] == ["a"]


def test_disallowed_step_and_unknown_status_and_missing_reason(session: Session) -> None:
    report = file_report(session)
    with pytest.raises(InvalidTransition, match="a new case cannot become shared"):
        change_status(
            session, report.reference, to_status="shared", reason="r", expected_version=1, actor="a"
        )
    with pytest.raises(InvalidReport, match="status: must be one of"):
        change_status(
            session,
            report.reference,
            to_status="deleted",
            reason="r",
            expected_version=1,
            actor="a",
        )
    with pytest.raises(InvalidReport, match="reason"):
        change_status(
            session,
            report.reference,
            to_status="dismissed",
            reason="  ",
            expected_version=1,
            actor="a",
        )
    assert audit_trail(session, report.reference) == []


def test_feed_events_for_verify_share_and_retraction(session: Session) -> None:
    report = verify(session, file_report(session))
    report = change_status(
        session,
        report.reference,
        to_status="shared",
        reason="sent",
        expected_version=report.version,
        actor="a",
    )
    change_status(
        session,
        report.reference,
        to_status="dismissed",
        reason="mistake",
        expected_version=report.version,
        actor="a",
    )
    statuses = session.scalars(select(FeedEvent.status).order_by(FeedEvent.id)).all()
    assert statuses == ["verified", "shared", "dismissed"]
