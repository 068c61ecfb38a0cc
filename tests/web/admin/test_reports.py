"""Reports triage in the dashboard: list, filters, detail, status changes, conflicts, scope."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bot.reports.service import get_report, submit_report
from bot.reports.triage import change_status
from bot.store.engine import SessionFactory
from bot.store.models import Report
from tests.web.admin.conftest import Browser, browser_for

SCRIPT = "<script>alert('x')</script>"
SQL = "'; DROP TABLE reports; --"


def _file(session: Session, **fields: Any) -> Report:
    values: dict[str, Any] = {
        "url": "https://t.me/bad_channel/7", "text": None, "platform": None, "country": "JO",
        "description": "calls for violence", "language": "en", "reporter_pseudonym": "p1",
    }  # fmt: skip
    values.update(fields)
    return submit_report(session, **values)


def _verify(session: Session, reference: str) -> None:
    for status in ("under_review", "verified"):
        report = get_report(session, reference)
        change_status(
            session, reference, to_status=status, reason="checked",
            expected_version=report.version, actor="test",
        )  # fmt: skip


def _seed(db: SessionFactory) -> dict[str, str]:
    with db() as session:
        hostile = _file(session, url=None, text=SQL, description=SCRIPT, country="EG").reference
        plain = _file(session).reference
        other = _file(session, url="https://x.com/a/status/1", country="MA").reference
        _verify(session, plain)
        _verify(session, other)
    return {"hostile": hostile, "plain": plain, "other": other}


def test_list_shows_cases_escaped_and_filters(as_admin: Browser, db: SessionFactory) -> None:
    refs = _seed(db)
    response = as_admin.client.get("/admin/reports")
    assert response.status_code == 200
    assert all(reference in response.text for reference in refs.values())
    assert SCRIPT not in response.text
    assert "&#39;; DROP TABLE reports; --" in response.text  # shown inertly, and still there
    verified = as_admin.client.get("/admin/reports", params={"status": "verified"}).text
    assert refs["plain"] in verified and refs["hostile"] not in verified
    by_country = as_admin.client.get("/admin/reports", params={"country": "ma"}).text
    assert refs["other"] in by_country and refs["plain"] not in by_country


def test_free_text_search_treats_sql_and_wildcards_as_text(
    as_admin: Browser, db: SessionFactory
) -> None:
    refs = _seed(db)
    found = as_admin.client.get("/admin/reports", params={"q": "DROP TABLE"}).text
    assert refs["hostile"] in found and refs["plain"] not in found
    wildcard = as_admin.client.get("/admin/reports", params={"q": "%"})
    assert wildcard.status_code == 200
    assert "0 cases." in wildcard.text
    assert "1 case." in as_admin.client.get("/admin/reports", params={"q": SQL}).text


def test_detail_shows_the_audit_log(as_admin: Browser, db: SessionFactory) -> None:
    refs = _seed(db)
    response = as_admin.client.get(f"/admin/reports/{refs['plain']}")
    assert response.status_code == 200
    assert response.text.count("checked") == 2  # two audited changes
    assert 'value="shared"' in response.text and 'value="dismissed"' in response.text
    hostile = as_admin.client.get(f"/admin/reports/{refs['hostile']}").text
    assert SCRIPT not in hostile and "&lt;script&gt;" in hostile


def test_status_change_is_audited_with_the_user(as_admin: Browser, db: SessionFactory) -> None:
    refs = _seed(db)
    response = as_admin.post(
        f"/admin/reports/{refs['hostile']}/status",
        {"status": "under_review", "reason": f"looking {SCRIPT}", "version": "1"},
    )
    assert response.status_code == 303
    page = as_admin.client.get(response.headers["location"])
    assert "Status changed to under_review." in page.text
    assert "admin:amina" in page.text and "looking &lt;script&gt;" in page.text


def test_a_stale_version_says_someone_else_changed_it(
    as_admin: Browser, db: SessionFactory
) -> None:
    refs = _seed(db)
    form = {"status": "under_review", "reason": "mine", "version": "1"}
    assert as_admin.post(f"/admin/reports/{refs['hostile']}/status", form).status_code == 303
    again = as_admin.post(f"/admin/reports/{refs['hostile']}/status", form)
    assert again.status_code == 409
    assert "Someone else changed this case" in again.text
    assert "(version 2)" in again.text


def test_a_transition_the_workflow_forbids_is_explained(
    as_admin: Browser, db: SessionFactory
) -> None:
    refs = _seed(db)
    response = as_admin.post(
        f"/admin/reports/{refs['hostile']}/status",
        {"status": "shared", "reason": "skip ahead", "version": "1"},
    )
    assert response.status_code == 409
    assert "a new case cannot become shared" in response.text


def test_missing_csrf_token_changes_nothing(as_admin: Browser, db: SessionFactory) -> None:
    refs = _seed(db)
    response = as_admin.client.post(
        f"/admin/reports/{refs['hostile']}/status",
        data={"status": "under_review", "reason": "x", "version": "1"},
    )
    assert response.status_code == 403
    with db() as session:
        assert get_report(session, refs["hostile"]).status == "new"


def test_unknown_reference_is_404(as_admin: Browser) -> None:
    assert as_admin.client.get("/admin/reports/HW-NOPE-0000").status_code == 404


def test_focal_point_reads_verified_cases_of_its_country_only(
    client: TestClient, db: SessionFactory
) -> None:
    refs = _seed(db)
    browser = browser_for(client, "fp")
    listing = client.get("/admin/reports").text
    assert refs["plain"] in listing
    assert refs["other"] not in listing and refs["hostile"] not in listing
    assert client.get(f"/admin/reports/{refs['other']}").status_code == 404
    detail = client.get(f"/admin/reports/{refs['plain']}")
    assert detail.status_code == 200 and "Change status" not in detail.text
    change = browser.post(
        f"/admin/reports/{refs['plain']}/status",
        {"status": "shared", "reason": "x", "version": "3"},
    )
    assert change.status_code == 403


def test_scholars_may_not_triage(client: TestClient) -> None:
    browser_for(client, "sami")
    assert client.get("/admin/reports").status_code == 403
