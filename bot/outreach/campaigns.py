"""Campaigns: an admin's one-off message to every subscriber of a language.

Preview shows exactly what each language's subscribers will receive and how many
they are; scheduling, cancelling, starting and finishing each leave an audit row.
Delivery reuses the scheduled path (claim, send, record), so a campaign reaches each
subscriber at most once however many runs overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.outreach.messages import OutgoingMessage, compose
from bot.outreach.models import (
    Campaign,
    CampaignAudit,
    CampaignDelivery,
    CampaignStatus,
    Subscriber,
)
from bot.reports.errors import ConflictError, InvalidReport, NotFound

CAMPAIGN_TEXT_MAX = (
    1000  # a phone screen; counter-messages are ≤ 600, news responses need a little more
)
AUDIENCES = {"ar": ("ar",), "en": ("en",), "all": ("ar", "en")}
OPEN = (CampaignStatus.SCHEDULED, CampaignStatus.SENDING)


class InvalidCampaign(InvalidReport):
    """A campaign field is missing or out of bounds; the message names it."""

    code = "invalid_campaign"


@dataclass(frozen=True)
class CampaignDraft:
    """What an admin submits: texts, audience language, optional linked entry."""

    language: str
    text_ar: str | None = None
    text_en: str | None = None
    entry_id: str | None = None

    def text(self, lang: str) -> str:
        """The text for subscribers of ``lang``."""
        return (self.text_ar if lang == "ar" else self.text_en) or ""


@dataclass(frozen=True)
class Preview:
    """Each audience language's message as it will be sent, and how many will get it."""

    messages: dict[str, OutgoingMessage]
    audience: dict[str, int]


def validate_draft(draft: CampaignDraft) -> None:
    """Raise InvalidCampaign naming the first problem."""
    if draft.language not in AUDIENCES:
        raise InvalidCampaign("language: must be ar, en or all")
    for lang in AUDIENCES[draft.language]:
        text = draft.text(lang).strip()
        if not text:
            raise InvalidCampaign(f"text_{lang}: required for language {draft.language}")
        if len(text) > CAMPAIGN_TEXT_MAX:
            raise InvalidCampaign(f"text_{lang}: at most {CAMPAIGN_TEXT_MAX} characters")


def audience_counts(session: Session, language: str) -> dict[str, int]:
    """Active subscribers per language of this audience."""
    langs = AUDIENCES[language]
    rows = session.execute(
        select(Subscriber.language, func.count())
        .where(Subscriber.active.is_(True), Subscriber.language.in_(langs))
        .group_by(Subscriber.language)
    )
    counts = {lang: 0 for lang in langs}
    counts.update({lang: count for lang, count in rows})
    return counts


def preview_campaign(session: Session, draft: CampaignDraft) -> Preview:
    """The messages and audience of a draft, without storing anything."""
    validate_draft(draft)
    messages = {
        lang: compose(draft.text(lang), draft.entry_id, lang) for lang in AUDIENCES[draft.language]
    }
    return Preview(messages, audience_counts(session, draft.language))


def _audit(session: Session, campaign: Campaign, actor: str, action: str, detail: str = "") -> None:
    session.add(CampaignAudit(campaign_id=campaign.id, actor=actor, action=action, detail=detail))


def schedule_campaign(
    session: Session, draft: CampaignDraft, scheduled_at: datetime, actor: str
) -> Campaign:
    """Store a campaign to go out at ``scheduled_at`` (a past time means the next run)."""
    validate_draft(draft)
    if scheduled_at.tzinfo is None:
        raise InvalidCampaign("scheduled_at: needs a timezone (e.g. 2026-12-07T09:00:00Z)")
    campaign = Campaign(
        language=draft.language, text_ar=draft.text_ar, text_en=draft.text_en,
        entry_id=draft.entry_id, scheduled_at=scheduled_at, status=CampaignStatus.SCHEDULED,
        created_by=actor,
    )  # fmt: skip
    session.add(campaign)
    session.flush()
    _audit(session, campaign, actor, "scheduled", f"for {scheduled_at.isoformat()}")
    session.commit()
    return campaign


def get_campaign(session: Session, campaign_id: int) -> Campaign:
    """The campaign, or NotFound."""
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFound(f"no campaign {campaign_id}")
    return campaign


def cancel_campaign(session: Session, campaign_id: int, actor: str, reason: str = "") -> Campaign:
    """Stop a campaign before or during sending (commits); no further claims are made."""
    campaign = get_campaign(session, campaign_id)
    # Compare-and-set: the delivery runner may finish it, or another admin cancel it, meanwhile.
    moved = session.execute(
        update(Campaign)
        .where(Campaign.id == campaign_id, Campaign.status.in_(OPEN))
        .values(status=CampaignStatus.CANCELLED)
    )
    if not getattr(moved, "rowcount", 0):
        session.rollback()
        session.refresh(campaign)
        raise ConflictError(f"campaign {campaign_id} is {campaign.status}; it cannot be cancelled")
    session.refresh(campaign)
    _audit(session, campaign, actor, "cancelled", reason)
    session.commit()
    return campaign


def list_campaigns(session: Session, limit: int = 100) -> list[Campaign]:
    """Newest campaigns first."""
    return list(
        session.scalars(
            select(Campaign).order_by(Campaign.created_at.desc(), Campaign.id.desc()).limit(limit)
        )
    )


def delivery_counts(session: Session, campaign_id: int) -> dict[str, int]:
    """How many of the campaign's messages are sent, failed, blocked, in flight."""
    rows = session.execute(
        select(CampaignDelivery.status, func.count())
        .where(CampaignDelivery.campaign_id == campaign_id)
        .group_by(CampaignDelivery.status)
    )
    return {status: count for status, count in rows}


def audit_trail(session: Session, campaign_id: int) -> list[CampaignAudit]:
    """Everything that happened to the campaign, oldest first."""
    return list(
        session.scalars(
            select(CampaignAudit)
            .where(CampaignAudit.campaign_id == campaign_id)
            .order_by(CampaignAudit.id)
        )
    )
