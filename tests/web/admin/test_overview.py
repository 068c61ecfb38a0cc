"""The overview page: charts from seeded analytics, escaping, role checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import text

from bot.analytics.events import record_abstention, record_answer, record_feedback
from bot.reports.service import submit_report
from bot.review_queue.service import record_question
from bot.store.engine import SessionFactory
from tests.web.admin.conftest import Browser, browser_for

SCRIPT = "<script>alert('x')</script>"


def _seed(db: SessionFactory) -> None:
    today = datetime.now(UTC).date()
    with db() as session:
        for offset in range(3):
            day = today - timedelta(days=offset)
            record_answer(session, "killing-civilians", "ar", "telegram", day=day)
            record_answer(session, "meaning-of-jihad", "en", "web", day=day)
            record_abstention(session, "ar", "web", day=day)
        record_answer(session, SCRIPT, SCRIPT, "web")
        record_feedback(session, "killing-civilians", True, "ar", "telegram")
        record_feedback(session, "killing-civilians", False, "ar", "telegram")
        record_question(
            session, text="jihad?", language="en", channel="web", pseudonym="p", kind="abstained"
        )
        submit_report(
            session, url="https://t.me/x/1", text=None, platform=None, country="JO",
            description="d", language="en", reporter_pseudonym=None,
        )  # fmt: skip


def test_overview_draws_charts_from_the_analytics(as_admin: Browser, db: SessionFactory) -> None:
    _seed(db)
    response = as_admin.client.get("/admin/?days=7")
    assert response.status_code == 200
    page = response.text
    assert page.count("<svg") == 4  # per day, languages, channels, top entries
    assert "killing-civilians" in page and "meaning-of-jihad" in page
    assert '<span class="number">7</span> answers' in page
    assert ": 3 answers" in page and ": 1 abstentions" in page  # today's bar titles
    assert "50%" in page  # killing-civilians: one helpful vote of two
    assert "cases to triage" in page


def test_user_text_in_labels_is_escaped(as_admin: Browser, db: SessionFactory) -> None:
    _seed(db)
    page = as_admin.client.get("/admin/").text
    assert SCRIPT not in page
    assert "&lt;script&gt;" in page


def test_empty_period_renders(as_admin: Browser) -> None:
    response = as_admin.client.get("/admin/?days=90")
    assert response.status_code == 200
    assert "No data in this period." in response.text


def test_period_must_be_between_a_day_and_a_year(as_admin: Browser) -> None:
    assert as_admin.client.get("/admin/?days=5").status_code == 200
    for bad in ("0", "367", "seven"):
        assert as_admin.client.get(f"/admin/?days={bad}").status_code == 422


def test_focal_points_may_not_open_the_overview(client: TestClient) -> None:
    browser_for(client, "fp")
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "Your role may not open this page." in response.text


def test_a_database_outage_is_a_readable_503(as_admin: Browser, db: SessionFactory) -> None:
    with db() as session:
        session.execute(text("DROP TABLE analytics_events"))
        session.commit()
    response = as_admin.client.get("/admin/")
    assert response.status_code == 503
    assert "The database is unavailable." in response.text
