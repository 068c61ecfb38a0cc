"""Delivering due campaigns in batches: claim subscribers not yet reached, send, record.

A campaign moves to ``sending`` when its first batch is claimed and to ``done`` when no
targeted subscriber is left without a row. Cancelling flips the status; the next claim
sees it (the campaign row is locked while claiming on PostgreSQL) and stops.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.outreach.addresses import AddressCipher, load_chat_ids
from bot.outreach.campaigns import AUDIENCES, OPEN, CampaignDraft, delivery_counts
from bot.outreach.delivery import (
    Claim,
    RunSummary,
    deliver_batches,
    insert_claims,
    record_outcomes,
)
from bot.outreach.messages import compose
from bot.outreach.models import (
    Campaign,
    CampaignAudit,
    CampaignDelivery,
    CampaignStatus,
    DeliveryStatus,
    Subscriber,
)
from bot.outreach.sender import Sender, SendOutcome
from bot.store.engine import SessionFactory, in_session

SCHEDULER_ACTOR = "scheduler"


def _due_campaign(session: Session, now: datetime) -> Campaign | None:
    return session.scalars(
        select(Campaign)
        .where(Campaign.status.in_(OPEN), Campaign.scheduled_at <= now)
        .order_by(Campaign.scheduled_at, Campaign.id)
        .limit(1)
        .with_for_update()
    ).first()


def _targets(session: Session, campaign: Campaign, limit: int) -> list[Subscriber]:
    reached = select(CampaignDelivery.subscriber_id).where(
        CampaignDelivery.campaign_id == campaign.id
    )
    return list(
        session.scalars(
            select(Subscriber)
            .where(
                Subscriber.active.is_(True),
                Subscriber.language.in_(AUDIENCES[campaign.language]),
                Subscriber.id.not_in(reached),
            )
            .order_by(Subscriber.id)
            .limit(limit)
        )
    )


def _move(session: Session, campaign: Campaign, old: str, new: str, detail: str = "") -> None:
    """Change status and audit it, only if no concurrent run did first (compare-and-set)."""
    result = session.execute(
        update(Campaign)
        .where(Campaign.id == campaign.id, Campaign.status == old)
        .values(status=new)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) == 1:
        action = "started" if new == CampaignStatus.SENDING else new
        session.add(
            CampaignAudit(
                campaign_id=campaign.id, actor=SCHEDULER_ACTOR, action=action, detail=detail
            )
        )


def _finish(session: Session, campaign: Campaign) -> None:
    counts = delivery_counts(session, campaign.id)
    detail = ", ".join(f"{status}: {count}" for status, count in sorted(counts.items()))
    _move(session, campaign, CampaignStatus.SENDING, CampaignStatus.DONE, f"claimed {detail}")


def _plan(
    session: Session,
    cipher: AddressCipher,
    campaign: Campaign,
    targets: list[Subscriber],
    now: datetime,
) -> tuple[list[dict[str, Any]], dict[int, Claim]]:
    """Claim rows for every target, and the sends for those with a readable address.

    A target without one gets a ``failed`` row, so it is not picked again and again.
    """
    draft = CampaignDraft(campaign.language, campaign.text_ar, campaign.text_en, campaign.entry_id)
    chat_ids = load_chat_ids(session, cipher, [s.pseudonym for s in targets])
    rows, planned = [], {}
    for subscriber in targets:
        chat_id = chat_ids.get(subscriber.pseudonym)
        reachable = chat_id is not None
        rows.append({"campaign_id": campaign.id, "subscriber_id": subscriber.id,
                     "status": DeliveryStatus.SENDING if reachable else DeliveryStatus.FAILED,
                     "claimed_at": now, "error": None if reachable else "no readable address"})  # fmt: skip
        if chat_id is not None:
            message = compose(draft.text(subscriber.language), draft.entry_id, subscriber.language)
            planned[subscriber.id] = Claim(0, subscriber.id, subscriber.pseudonym, chat_id, message)
    return rows, planned


def claim_campaign(
    session: Session, cipher: AddressCipher, now: datetime, limit: int
) -> tuple[list[Claim], int | None, bool]:
    """Claim the next batch of the earliest due campaign (commits).

    Returns (claims, campaign id or None when none is due, whether it has just finished).
    """
    campaign = _due_campaign(session, now)
    if campaign is None:
        return [], None, False
    if campaign.status == CampaignStatus.SCHEDULED:
        _move(session, campaign, CampaignStatus.SCHEDULED, CampaignStatus.SENDING)
    targets = _targets(session, campaign, limit)
    if not targets:
        _finish(session, campaign)
        session.commit()
        return [], campaign.id, True
    rows, planned = _plan(session, cipher, campaign, targets, now)
    inserted = insert_claims(session, CampaignDelivery, rows)
    session.commit()
    claims = [replace(planned[sid], row_id=row_id) for row_id, sid in inserted if sid in planned]
    return claims, campaign.id, False


async def deliver_due_campaigns(
    session_factory: SessionFactory,
    sender: Sender,
    now: datetime,
    cipher: AddressCipher,
    summary: RunSummary,
    batch_size: int,
) -> None:
    """Send every due campaign to all its subscribers, batch by batch."""

    async def claim_next() -> list[Claim] | None:
        claims, campaign_id, finished = await asyncio.to_thread(
            in_session, session_factory, claim_campaign, cipher, now, batch_size
        )
        if campaign_id is None:
            return None
        if finished:
            summary.campaigns_done.append(campaign_id)
        return claims

    async def record(claims: list[Claim], outcomes: list[SendOutcome]) -> None:
        await asyncio.to_thread(
            in_session, session_factory, record_outcomes, CampaignDelivery, claims, outcomes, now
        )

    await deliver_batches(claim_next, record, sender, summary)
