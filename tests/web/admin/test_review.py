"""The review queue page: grouped questions, escaping, linking a group to an entry."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.review_queue.service import record_question
from bot.store.engine import SessionFactory
from bot.store.models import ReviewQuestion
from tests.web.admin.conftest import Browser, browser_for

SCRIPT = "<script>alert('jihad')</script>"


def _seed(db: SessionFactory) -> list[int]:
    texts = ("is jihad war?", "what is jihad", SCRIPT, "my parents say no", "jihad؟")
    with db() as session:
        return [
            record_question(
                session, text=text, language="ar" if "؟" in text else "en", channel="web",
                pseudonym="p", kind="abstained", notify_opt_in=True,
            ).id
            for text in texts
        ]  # fmt: skip


def _group_ids(page: str) -> list[str]:
    return [
        line.split('value="')[1].split('"')[0]
        for line in page.splitlines()
        if 'name="question_ids"' in line
    ]


def test_groups_are_shown_largest_first_and_escaped(as_admin: Browser, db: SessionFactory) -> None:
    _seed(db)
    response = as_admin.client.get("/admin/review")
    assert response.status_code == 200
    assert "5 unanswered questions waiting" in response.text
    assert "1. Asked 4 times" in response.text and "(en 3, ar 1)" in response.text
    assert SCRIPT not in response.text and "&lt;script&gt;" in response.text
    assert 'value="killing-civilians"' in response.text  # the entries of the shipped knowledge


def test_linking_a_group_marks_its_questions(as_admin: Browser, db: SessionFactory) -> None:
    ids = _seed(db)
    group = _group_ids(as_admin.client.get("/admin/review").text)[0]
    response = as_admin.post(
        "/admin/review/link", {"question_ids": group, "entry_id": "meaning-of-jihad"}
    )
    assert response.status_code == 303
    page = as_admin.client.get(response.headers["location"]).text
    assert "Linked to meaning-of-jihad. 1 asker who asked to hear back will be sent" in page
    assert "1 unanswered question waiting" in page
    with db() as session:
        linked = session.scalars(
            select(ReviewQuestion.id).where(ReviewQuestion.entry_id == "meaning-of-jihad")
        )
        assert sorted(linked) == sorted(ids[i] for i in (0, 1, 2, 4))


def test_an_unknown_entry_or_bad_ids_are_refused(as_admin: Browser, db: SessionFactory) -> None:
    ids = _seed(db)
    unknown = as_admin.post(
        "/admin/review/link", {"question_ids": str(ids[0]), "entry_id": "no-such-entry"}
    )
    assert unknown.status_code == 422
    assert "Choose an existing entry" in unknown.text
    bad_ids = as_admin.post(
        "/admin/review/link", {"question_ids": "1; DROP TABLE x", "entry_id": "apostasy"}
    )
    assert bad_ids.status_code == 422


def test_linking_needs_the_csrf_token(as_admin: Browser, db: SessionFactory) -> None:
    ids = _seed(db)
    response = as_admin.client.post(
        "/admin/review/link", data={"question_ids": str(ids[0]), "entry_id": "apostasy"}
    )
    assert response.status_code == 403


def test_analysts_read_the_queue_but_may_not_link(client: TestClient, db: SessionFactory) -> None:
    ids = _seed(db)
    browser = browser_for(client, "lina")
    page = client.get("/admin/review")
    assert page.status_code == 200 and "Link to entry" not in page.text
    response = browser.post(
        "/admin/review/link", {"question_ids": str(ids[0]), "entry_id": "apostasy"}
    )
    assert response.status_code == 403


def test_scholars_link(client: TestClient, db: SessionFactory) -> None:
    ids = _seed(db)
    browser = browser_for(client, "sami")
    response = browser.post(
        "/admin/review/link", {"question_ids": str(ids[3]), "entry_id": "parents-permission"}
    )
    assert response.status_code == 303
