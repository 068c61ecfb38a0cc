"""The campaigns page: list, preview, schedule, cancel, audit, roles, escaping, bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select

from bot.outreach.addresses import AddressCipher
from bot.outreach.campaigns import CampaignDraft, audit_trail, schedule_campaign
from bot.outreach.models import Campaign, CampaignDelivery, CampaignStatus, Subscriber
from bot.outreach.subscriptions import subscribe
from bot.store.engine import SessionFactory
from tests.web.admin.conftest import Browser, browser_for

SCRIPT = "<script>alert('x')</script>"
TEXT = "Violence against the innocent is never jihad."
FORM = {"language": "en", "text": TEXT, "entry_id": "killing-civilians", "scheduled_at": ""}


@pytest.fixture
def db(session_factory: SessionFactory) -> SessionFactory:
    """Both backends (SQLite and PostgreSQL) instead of the dashboard's SQLite file."""
    return session_factory


def _later(days: int = 2) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _subscribe(db: SessionFactory, languages: tuple[str, ...] = ("en", "en", "ar")) -> None:
    cipher = AddressCipher(SecretStr("test-secret-key"))
    with db() as session:
        for number, lang in enumerate(languages, start=1):
            subscribe(session, f"p{number}", "telegram", lang, "daily", number, cipher=cipher)


def _schedule(db: SessionFactory, draft: CampaignDraft | None = None) -> int:
    draft = draft or CampaignDraft("en", text_en=TEXT)
    with db() as session:
        when = datetime.now(UTC) + timedelta(days=1)
        return schedule_campaign(session, draft, when, "api:centre").id


def _campaigns(db: SessionFactory) -> list[Campaign]:
    with db() as session:
        return list(session.scalars(select(Campaign).order_by(Campaign.id)))


def _audit(db: SessionFactory, campaign_id: int) -> list[tuple[str, str, str]]:
    with db() as session:
        return [(a.actor, a.action, a.detail) for a in audit_trail(session, campaign_id)]


def _status(db: SessionFactory, campaign_id: int) -> str:
    with db() as session:
        return session.get_one(Campaign, campaign_id).status


def test_list_shows_campaigns_newest_first_with_counts(
    as_admin: Browser, db: SessionFactory
) -> None:
    _subscribe(db)
    older = _schedule(db, CampaignDraft("ar", text_ar="رسالة إلى المشتركين"))
    newer = _schedule(db)
    with db() as session:
        subscriber = session.scalars(select(Subscriber).where(Subscriber.language == "ar")).one()
        session.add(CampaignDelivery(campaign_id=older, subscriber_id=subscriber.id,
                                     status="sent", claimed_at=datetime.now(UTC)))  # fmt: skip
        session.commit()
    response = as_admin.client.get("/admin/campaigns")
    assert response.status_code == 200
    page = response.text
    assert f'href="/admin/campaigns/{newer}"' in page and f'href="/admin/campaigns/{older}"' in page
    assert page.index(f"#{newer}<") < page.index(f"#{older}<")
    assert "sent 1" in page and "none yet" in page and "رسالة إلى المشتركين" in page
    assert "Active subscribers now: ar 1, en 2." in page
    assert 'action="/admin/campaigns/preview"' in page
    assert 'value="killing-civilians"' in page  # the entries of the shipped knowledge
    assert ">Campaigns</a>" in page.split("<main>")[0]  # in the menu


def test_preview_shows_the_message_and_stores_nothing(
    as_admin: Browser, db: SessionFactory
) -> None:
    _subscribe(db)
    response = as_admin.post("/admin/campaigns/preview", {**FORM, "scheduled_at": _later()})
    assert response.status_code == 200
    preview = response.text.split("<h2>Preview</h2>")[1]
    assert "2 en subscribers will receive, at " in preview
    assert f"{TEXT}\n\nWhat do you think?" in preview
    assert "Tell me more" in preview and "🤔 Not convinced" in preview
    assert f'name="text" value="{TEXT}"' in preview  # the schedule form carries the preview
    assert 'action="/admin/campaigns/schedule"' in preview
    assert _campaigns(db) == []


def test_scheduling_stores_an_audited_campaign_and_shows_it(
    as_admin: Browser, db: SessionFactory
) -> None:
    when = _later()
    response = as_admin.post("/admin/campaigns/schedule", {**FORM, "scheduled_at": when})
    assert response.status_code == 303
    [campaign] = _campaigns(db)
    assert response.headers["location"] == f"/admin/campaigns/{campaign.id}?scheduled=1"
    assert (campaign.status, campaign.language, campaign.text_en, campaign.entry_id) == (
        "scheduled", "en", TEXT, "killing-civilians",
    )  # fmt: skip
    assert campaign.scheduled_at == datetime.fromisoformat(when).replace(tzinfo=UTC)
    assert campaign.created_by == "admin:amina"
    assert [(actor, action) for actor, action, _ in _audit(db, campaign.id)] == [
        ("admin:amina", "scheduled")
    ]
    page = as_admin.client.get(response.headers["location"])
    assert page.status_code == 200
    assert "Campaign scheduled." in page.text and TEXT in page.text
    assert "<td>admin:amina</td><td>scheduled</td>" in page.text
    assert "Cancel campaign" in page.text


def test_an_empty_time_means_as_soon_as_possible(as_admin: Browser, db: SessionFactory) -> None:
    before = datetime.now(UTC)
    form = {**FORM, "language": "ar", "text": "سطر أول\r\nسطر ثان", "entry_id": ""}
    assert as_admin.post("/admin/campaigns/schedule", form).status_code == 303
    [campaign] = _campaigns(db)
    assert before <= campaign.scheduled_at <= datetime.now(UTC)
    assert (campaign.text_ar, campaign.text_en, campaign.entry_id) == (
        "سطر أول\nسطر ثان",
        None,
        None,
    )


def test_cancelling_records_the_reason_and_twice_is_409(
    as_admin: Browser, db: SessionFactory
) -> None:
    campaign_id = _schedule(db)
    response = as_admin.post(f"/admin/campaigns/{campaign_id}/cancel", {"reason": "wrong date"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/admin/campaigns/{campaign_id}?cancelled=1"
    assert _status(db, campaign_id) == "cancelled"
    assert _audit(db, campaign_id)[1] == ("admin:amina", "cancelled", "wrong date")
    page = as_admin.client.get(response.headers["location"]).text
    assert "Campaign cancelled." in page and "wrong date" in page
    assert "Cancel campaign" not in page
    again = as_admin.post(f"/admin/campaigns/{campaign_id}/cancel", {"reason": "again"})
    assert again.status_code == 409
    assert "This campaign is already cancelled" in again.text
    assert len(_audit(db, campaign_id)) == 2


def test_a_finished_campaign_cannot_be_cancelled(as_admin: Browser, db: SessionFactory) -> None:
    campaign_id = _schedule(db)
    with db() as session:
        session.get_one(Campaign, campaign_id).status = CampaignStatus.DONE
        session.commit()
    assert "Cancel campaign" not in as_admin.client.get(f"/admin/campaigns/{campaign_id}").text
    response = as_admin.post(f"/admin/campaigns/{campaign_id}/cancel", {"reason": "too late"})
    assert response.status_code == 409
    assert "This campaign is already done" in response.text
    assert _status(db, campaign_id) == "done"


def test_cancelling_needs_a_reason(as_admin: Browser, db: SessionFactory) -> None:
    campaign_id = _schedule(db)
    response = as_admin.post(f"/admin/campaigns/{campaign_id}/cancel", {"reason": "  "})
    assert response.status_code == 422
    assert "Reason: say why" in response.text
    assert _status(db, campaign_id) == "scheduled"


@pytest.mark.parametrize("token", [None, "forged"])
def test_forms_need_the_csrf_token(
    as_admin: Browser, db: SessionFactory, token: str | None
) -> None:
    campaign_id = _schedule(db)
    extra = {} if token is None else {"csrf_token": token}
    for path, form in (("/admin/campaigns/preview", FORM), ("/admin/campaigns/schedule", FORM),
                       (f"/admin/campaigns/{campaign_id}/cancel", {"reason": "x"})):  # fmt: skip
        response = as_admin.client.post(path, data={**form, **extra})
        assert response.status_code == 403, path
    assert [c.id for c in _campaigns(db)] == [campaign_id]
    assert _status(db, campaign_id) == "scheduled" and len(_audit(db, campaign_id)) == 1


def test_analysts_view_but_may_not_manage(client: TestClient, db: SessionFactory) -> None:
    campaign_id = _schedule(db)
    analyst = browser_for(client, "lina")
    listing = client.get("/admin/campaigns")
    assert listing.status_code == 200
    assert f"#{campaign_id}" in listing.text and "/admin/campaigns/preview" not in listing.text
    detail = client.get(f"/admin/campaigns/{campaign_id}")
    assert detail.status_code == 200 and "Cancel campaign" not in detail.text
    assert analyst.post("/admin/campaigns/preview", FORM).status_code == 403
    assert analyst.post("/admin/campaigns/schedule", FORM).status_code == 403
    cancel = analyst.post(f"/admin/campaigns/{campaign_id}/cancel", {"reason": "x"})
    assert cancel.status_code == 403
    assert len(_campaigns(db)) == 1 and _status(db, campaign_id) == "scheduled"


@pytest.mark.parametrize("name", ["sami", "fp"])
def test_scholars_and_focal_points_may_not_view(
    client: TestClient, db: SessionFactory, name: str
) -> None:
    campaign_id = _schedule(db)
    browser_for(client, name)
    listing = client.get("/admin/campaigns")
    assert listing.status_code == 403
    assert ">Campaigns</a>" not in listing.text.split("<main>")[0]  # not in the menu
    assert client.get(f"/admin/campaigns/{campaign_id}").status_code == 403


@pytest.mark.parametrize("campaign_id", ["999", "abc", "0", "99999999999", "1" * 5000])
def test_unknown_campaign_is_404(as_admin: Browser, campaign_id: str) -> None:
    response = as_admin.client.get(f"/admin/campaigns/{campaign_id}")
    assert response.status_code == 404
    assert "There is no campaign with that number." in response.text
    assert (
        as_admin.post(f"/admin/campaigns/{campaign_id}/cancel", {"reason": "x"}).status_code == 404
    )


def test_script_in_the_message_is_shown_inertly(as_admin: Browser, db: SessionFactory) -> None:
    form = {**FORM, "text": f"read this {SCRIPT}"}
    preview = as_admin.post("/admin/campaigns/preview", form).text
    assert SCRIPT not in preview and "read this &lt;script&gt;" in preview
    response = as_admin.post("/admin/campaigns/schedule", form)
    assert response.status_code == 303
    for path in ("/admin/campaigns", response.headers["location"]):
        page = as_admin.client.get(path).text
        assert SCRIPT not in page and "read this &lt;script&gt;" in page, path
    assert _campaigns(db)[0].text_en == f"read this {SCRIPT}"  # stored as written


@pytest.mark.parametrize("action", ["preview", "schedule"])
@pytest.mark.parametrize(
    ("change", "message", "kept"),
    [({"text": "   "}, "Message: write the text", 'value="killing-civilians" selected'),
     ({"text": "x" * 1001}, "Message: at most 1000 characters (this one has 1001)", "x" * 1001),
     ({"entry_id": "no-such-entry"}, "there is no knowledge entry &#39;no-such-entry&#39;", TEXT),
     ({"scheduled_at": "2020-01-01T09:00"}, "2020-01-01 09:00 UTC is in the past",
      'value="2020-01-01T09:00"'),
     ({"scheduled_at": "next tuesday"}, "Scheduled time: pick a date and time", 'value="next tuesday"'),
     ({"language": "fr"}, "Language: choose ar or en.", TEXT)],
)  # fmt: skip
def test_bad_input_is_refused_with_the_input_kept(
    as_admin: Browser, db: SessionFactory, action: str, change: dict[str, str], message: str,
    kept: str,
) -> None:  # fmt: skip
    response = as_admin.post(f"/admin/campaigns/{action}", {**FORM, **change})
    assert response.status_code == 422
    assert message in response.text and kept in response.text
    assert "<h2>Preview</h2>" not in response.text
    assert _campaigns(db) == []
