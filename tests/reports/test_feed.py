"""The feed: scoped by country, paged by a growing cursor, CSV safe for spreadsheets."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy.orm import Session

from bot.reports.errors import Forbidden, InvalidReport
from bot.reports.feed import feed_to_csv, read_feed, resolve_scope
from bot.reports.triage import change_status
from tests.reports.factories import file_report, verify


def _verified(session: Session, n: int, country: str) -> list[str]:
    return [
        verify(
            session, file_report(session, url=f"https://t.me/c{country}/{i}", country=country)
        ).reference
        for i in range(n)
    ]


def test_country_scope_sees_only_its_verified_cases(session: Session) -> None:
    jordan = _verified(session, 2, "JO")
    _verified(session, 1, "EG")
    file_report(session, url="https://t.me/unreviewed", country="JO")  # still new: not in the feed
    page = read_feed(session, scope="JO")
    assert [item["reference"] for item in page.items] == jordan
    assert {item["event"] for item in page.items} == {"report.verified"}
    assert "reporter_pseudonym" not in page.items[0]
    assert len(read_feed(session, scope="*").items) == 3


def test_cursor_pages_and_late_verification_is_not_missed(session: Session) -> None:
    early = file_report(
        session, url="https://t.me/early", country="JO"
    )  # filed first, verified last
    _verified(session, 3, "JO")
    first = read_feed(session, scope="JO", limit=2)
    assert first.has_more and len(first.items) == 2
    second = read_feed(session, scope="JO", cursor=first.next_cursor, limit=2)
    assert not second.has_more and len(second.items) == 1
    verify(session, early)
    third = read_feed(session, scope="JO", cursor=second.next_cursor)
    assert [item["reference"] for item in third.items] == [early.reference]
    empty = read_feed(session, scope="JO", cursor=third.next_cursor)
    assert (empty.items, empty.next_cursor, empty.has_more) == ([], third.next_cursor, False)


def test_sharing_and_retraction_appear_as_new_events(session: Session) -> None:
    report = verify(session, file_report(session))
    change_status(
        session,
        report.reference,
        to_status="dismissed",
        reason="error",
        expected_version=report.version,
        actor="a",
    )
    assert [item["event"] for item in read_feed(session, scope="JO").items] == [
        "report.verified",
        "report.dismissed",
    ]


def test_scope_resolution() -> None:
    assert resolve_scope("JO", None) == "JO"
    assert resolve_scope("JO", "jo") == "JO"
    assert resolve_scope("*", "EG") == "EG"
    assert resolve_scope("*", None) == "*"
    with pytest.raises(Forbidden):
        resolve_scope("JO", "EG")


def test_bad_cursor_or_limit(session: Session) -> None:
    with pytest.raises(InvalidReport):
        read_feed(session, scope="*", cursor=-1)
    with pytest.raises(InvalidReport):
        read_feed(session, scope="*", limit=0)


def test_csv_has_a_header_and_neutralises_formulas(session: Session) -> None:
    verify(
        session,
        file_report(session, url=None, text="=cmd|' /C calc'!A0", description="<script>x</script>"),
    )
    rows = list(csv.DictReader(io.StringIO(feed_to_csv(read_feed(session, scope="*")))))
    assert rows[0]["text"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["description"] == "<script>x</script>"
    assert rows[0]["event"] == "report.verified"
