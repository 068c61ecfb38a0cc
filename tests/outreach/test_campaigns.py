"""Campaigns: preview, schedule, cancel, audit; delivered once even when runs repeat."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from bot.outreach.addresses import AddressCipher
from bot.outreach.campaigns import (
    CampaignDraft,
    InvalidCampaign,
    audit_trail,
    cancel_campaign,
    delivery_counts,
    get_campaign,
    list_campaigns,
    preview_campaign,
    schedule_campaign,
)
from bot.outreach.fake_bot_api import FakeBotApi
from bot.outreach.models import CampaignStatus
from bot.outreach.scheduler import run_due
from bot.outreach.sender import TelegramSender
from bot.reports.errors import ConflictError
from bot.store.engine import SessionFactory
from tests.outreach.conftest import MESSAGES
from tests.outreach.test_scheduler import add_subscribers, received

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
DRAFT = CampaignDraft("en", text_en="After today's news: violence against the innocent is never jihad.",
                      entry_id="killing-civilians")  # fmt: skip
BOTH = CampaignDraft("all", text_ar="رسالة للجميع", text_en="A message for everyone")


async def run(
    factory: SessionFactory, sender: TelegramSender, cipher: AddressCipher, now: datetime
):  # type: ignore[no-untyped-def]
    return await run_due(factory, sender, now, messages=[], cipher=cipher)


def test_preview_shows_each_language_and_the_audience(
    session: Session, cipher: AddressCipher
) -> None:
    from bot.outreach.subscriptions import subscribe

    subscribe(session, "a", "telegram", "ar", "daily", 1, cipher=cipher)
    subscribe(session, "b", "telegram", "en", "daily", 2, cipher=cipher)
    subscribe(session, "c", "telegram", "en", "weekly", 3, cipher=cipher)
    preview = preview_campaign(session, BOTH)
    assert preview.audience == {"ar": 1, "en": 2}
    assert preview.messages["ar"].text == "رسالة للجميع" and preview.messages["en"].rows == ()
    linked = preview_campaign(session, DRAFT)
    assert (
        linked.messages["en"].rows[0][0].payload == '/ask_question{"entry_id":"killing-civilians"}'
    )
    assert list_campaigns(session) == []  # previewing stores nothing


@pytest.mark.parametrize(
    ("draft", "field"),
    [(CampaignDraft("fr", text_en="x"), "language"), (CampaignDraft("all", text_en="x"), "text_ar"),
     (CampaignDraft("en", text_en="x" * 1001), "text_en"), (CampaignDraft("ar", text_ar="  "), "text_ar")],
)  # fmt: skip
def test_invalid_drafts_name_the_field(session: Session, draft: CampaignDraft, field: str) -> None:
    with pytest.raises(InvalidCampaign, match=field):
        schedule_campaign(session, draft, NOW, "admin")


def test_naive_schedule_time_is_refused(session: Session) -> None:
    with pytest.raises(InvalidCampaign, match="scheduled_at"):
        schedule_campaign(session, DRAFT, datetime(2026, 12, 7, 9), "admin")


def test_cancel_is_audited_and_final(session: Session) -> None:
    campaign = schedule_campaign(session, DRAFT, NOW, "api:centre")
    cancel_campaign(session, campaign.id, "api:centre", "wrong wording")
    assert [(a.actor, a.action, a.detail) for a in audit_trail(session, campaign.id)][1] == (
        "api:centre", "cancelled", "wrong wording",
    )  # fmt: skip
    with pytest.raises(ConflictError):
        cancel_campaign(session, campaign.id, "api:centre")


def test_a_cancel_racing_the_runner_does_not_overwrite_done(
    session_factory: SessionFactory,
) -> None:
    with session_factory() as admin, session_factory() as runner:
        campaign = schedule_campaign(admin, DRAFT, NOW, "admin")
        assert get_campaign(admin, campaign.id).status == "scheduled"  # the admin's page read it
        finished = get_campaign(runner, campaign.id)
        finished.status = CampaignStatus.DONE
        runner.commit()
        with pytest.raises(ConflictError, match="done"):
            cancel_campaign(admin, campaign.id, "admin", "too late")
    with session_factory() as session:
        assert get_campaign(session, campaign.id).status == "done"
        assert [a.action for a in audit_trail(session, campaign.id)] == ["scheduled"]


async def test_campaign_is_delivered_once_even_if_runs_repeat(
    session_factory: SessionFactory,
    sender: TelegramSender,
    fake_api: FakeBotApi,
    cipher: AddressCipher,
) -> None:
    add_subscribers(
        session_factory, cipher, [(1, "en", "daily"), (2, "ar", "daily"), (3, "en", "weekly")]
    )
    with session_factory() as session:
        campaign_id = schedule_campaign(session, DRAFT, NOW, "api:centre").id
    assert (await run(session_factory, sender, cipher, NOW - timedelta(minutes=1))).sent == 0
    await asyncio.gather(*(run(session_factory, sender, cipher, NOW) for _ in range(2)))
    await run(session_factory, sender, cipher, NOW + timedelta(hours=1))
    assert sorted(fake_api.delivered_chat_ids()) == [1, 3]
    assert received(fake_api, 1) == [DRAFT.text_en]
    with session_factory() as session:
        assert get_campaign(session, campaign_id).status == "done"
        assert delivery_counts(session, campaign_id) == {"sent": 2}
        actions = [a.action for a in audit_trail(session, campaign_id)]
    assert actions == ["scheduled", "started", "done"]


async def test_campaign_and_scheduled_message_in_one_run(
    session_factory: SessionFactory,
    sender: TelegramSender,
    fake_api: FakeBotApi,
    cipher: AddressCipher,
) -> None:
    add_subscribers(session_factory, cipher, [(1, "en", "daily")])
    with session_factory() as session:
        schedule_campaign(session, BOTH, NOW, "api:centre")
    summary = await run_due(session_factory, sender, NOW, messages=MESSAGES, cipher=cipher)
    assert summary.sent == 2 and len(summary.campaigns_done) == 1
    assert received(fake_api, 1) == ["A message for everyone", "one life is all humanity"]


async def test_cancelled_campaign_is_not_sent(
    session_factory: SessionFactory,
    sender: TelegramSender,
    fake_api: FakeBotApi,
    cipher: AddressCipher,
) -> None:
    add_subscribers(session_factory, cipher, [(1, "en", "daily")])
    with session_factory() as session:
        campaign = schedule_campaign(session, DRAFT, NOW, "api:centre")
        cancel_campaign(session, campaign.id, "api:centre")
    assert (await run(session_factory, sender, cipher, NOW)).sent == 0
    assert fake_api.delivered_chat_ids() == []


async def test_subscriber_without_address_is_recorded_failed_and_campaign_finishes(
    session_factory: SessionFactory,
    sender: TelegramSender,
    fake_api: FakeBotApi,
    cipher: AddressCipher,
) -> None:
    from bot.outreach.addresses import delete_address

    add_subscribers(session_factory, cipher, [(1, "en", "daily"), (2, "en", "daily")])
    with session_factory() as session:
        delete_address(session, "p2")
        campaign_id = schedule_campaign(session, DRAFT, NOW, "api:centre").id
    summary = await run(session_factory, sender, cipher, NOW)
    assert summary.sent == 1 and summary.campaigns_done == [campaign_id]
    with session_factory() as session:
        assert delivery_counts(session, campaign_id) == {"sent": 1, "failed": 1}
