"""Filing reports: validation, merging repeats, inert storage of hostile text, lookups."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.reports.errors import InvalidReport, InvalidUrl, NotFound
from bot.reports.service import get_report
from bot.store.engine import SessionFactory
from bot.store.models import Report, ReportSubmission
from tests.reports.factories import file_report


def test_new_report_gets_reference_platform_and_normalised_url(session: Session) -> None:
    report = file_report(session, url="https://www.t.me/example_channel/42/?utm_source=tg")
    assert report.reference.startswith("HW-")
    assert report.url == "https://t.me/example_channel/42"
    assert (report.platform, report.status, report.report_count, report.version) == (
        "telegram",
        "new",
        1,
        1,
    )


def test_same_link_with_tracking_merges_into_one_case(session: Session) -> None:
    first = file_report(session, url="https://youtu.be/abc?si=1", reporter_pseudonym="a")
    second = file_report(
        session, url="https://www.youtube.com/watch?v=abc&feature=share", reporter_pseudonym="b"
    )
    assert second.reference == first.reference
    assert second.report_count == 2
    assert second.version == 1  # a repeat must not invalidate an analyst's pending edit
    assert session.scalar(select(func.count()).select_from(Report)) == 1
    assert session.scalar(select(func.count()).select_from(ReportSubmission)) == 2


def test_merge_fills_a_missing_country(session: Session) -> None:
    file_report(session, country=None)
    merged = file_report(session, country="eg")
    assert merged.country == "EG"


def test_quoted_text_without_link_is_a_case_and_repeats_merge(session: Session) -> None:
    first = file_report(
        session, url=None, text="Join   us and FIGHT the unbelievers", platform="Telegram"
    )
    again = file_report(session, url="none", text="join us and fight the unbelievers")
    assert (first.platform, again.reference, again.report_count) == ("telegram", first.reference, 2)


def test_platform_given_by_reporter_is_kept_for_unknown_sites(session: Session) -> None:
    report = file_report(session, url="https://forum.example.org/t/1", platform="Forum")
    assert report.platform == "forum"


@pytest.mark.parametrize(
    ("overrides", "error", "message"),
    [
        ({"url": None, "text": None}, InvalidReport, "url or text"),
        ({"url": "this is not a link"}, InvalidUrl, "url:"),
        ({"url": "javascript:alert(document.cookie)"}, InvalidUrl, "web link"),
        (
            {"text": "x" * 4001, "url": None},
            InvalidReport,
            "text: 4001 characters; the limit is 4000",
        ),
        ({"description": "d" * 2001}, InvalidReport, "description: 2001 characters"),
        ({"country": "Jordan"}, InvalidReport, "country"),
        ({"language": "english!"}, InvalidReport, "language"),
        ({"reporter_pseudonym": "p" * 200}, InvalidReport, "reporter_pseudonym"),
    ],
)
def test_bad_fields_are_refused_naming_the_field(
    session: Session, overrides: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        file_report(session, **overrides)
    assert session.scalar(select(func.count()).select_from(Report)) == 0


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert('x')</script>",
        "'; DROP TABLE reports; --",
        "Robert'); DELETE FROM report_audit WHERE ('1'='1",
        '=HYPERLINK("http://evil")',
        "نص عربي مع <b>وسوم</b>",
    ],
)
def test_hostile_text_is_stored_and_returned_verbatim(session: Session, hostile: str) -> None:
    report = file_report(session, url=None, text=hostile, description=hostile)
    session.expire_all()
    stored = get_report(session, report.reference)
    assert (stored.text, stored.description) == (hostile, hostile)
    assert session.scalar(select(func.count()).select_from(Report)) == 1


def test_nul_bytes_are_dropped_not_fatal(session: Session) -> None:
    report = file_report(session, url=None, text="before\x00after")
    assert report.text == "beforeafter"


def test_lookup_by_reference_forgives_case_and_dash(session: Session) -> None:
    report = file_report(session)
    spaced = f"{report.reference[:7].lower()}-{report.reference[7:].lower()}"
    assert get_report(session, spaced).id == report.id


@pytest.mark.parametrize("reference", ["HW-AAAAAAAA", "nonsense", "' OR 1=1 --"])
def test_unknown_reference_is_not_found(session: Session, reference: str) -> None:
    with pytest.raises(NotFound):
        get_report(session, reference)


def test_simultaneous_reports_of_one_link_make_one_case(session_factory: SessionFactory) -> None:
    barrier = threading.Barrier(6)

    def report(index: int) -> str:
        with session_factory() as own_session:
            barrier.wait()
            return file_report(own_session, reporter_pseudonym=f"p-{index}").reference

    with ThreadPoolExecutor(max_workers=6) as pool:
        references = set(pool.map(report, range(6)))
    with session_factory() as check:
        cases = check.scalars(select(Report)).all()
    assert len(references) == 1 and len(cases) == 1 and cases[0].report_count == 6
