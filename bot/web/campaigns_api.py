"""Campaigns API: preview, schedule, list, read and cancel one-off outreach messages.

Centre tokens only (a focal point with country "*"): a campaign reaches every
subscriber of a language. Each change is audited with the token's name as actor.
Domain errors map to status codes in ops_deps (422 invalid, 404, 409 not cancellable).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from bot.outreach.campaigns import (
    CAMPAIGN_TEXT_MAX,
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
from bot.outreach.messages import OutgoingMessage
from bot.outreach.models import Campaign
from bot.reports.errors import Forbidden
from bot.reports.focal_points import is_centre
from bot.settings import Settings
from bot.store.models import FocalPoint
from bot.web.ops_deps import DbSession, FocalPointAuth, OperationsRoute

router = APIRouter(prefix="/api/campaigns", tags=["campaigns"], route_class=OperationsRoute)
ENTRY_ID = r"^[a-z0-9-]{1,100}$"


def require_centre(focal_point: FocalPointAuth) -> FocalPoint:
    """The calling token, if it is one of the centre's."""
    if not is_centre(focal_point):
        raise Forbidden("only the centre's tokens may manage campaigns")
    return focal_point


CentreAuth = Annotated[FocalPoint, Depends(require_centre)]


class CampaignIn(BaseModel):
    """A campaign draft; ``scheduled_at`` is needed to schedule, not to preview."""

    model_config = ConfigDict(extra="forbid")

    language: Literal["ar", "en", "all"]
    text_ar: str | None = Field(default=None, max_length=CAMPAIGN_TEXT_MAX)
    text_en: str | None = Field(default=None, max_length=CAMPAIGN_TEXT_MAX)
    entry_id: str | None = Field(default=None, pattern=ENTRY_ID)
    scheduled_at: datetime | None = None

    def draft(self) -> CampaignDraft:
        """The domain draft."""
        return CampaignDraft(self.language, self.text_ar, self.text_en, self.entry_id)


class CancelIn(BaseModel):
    """Why the campaign is stopped (kept in the audit trail)."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(default="", max_length=2000)


class AuditOut(BaseModel):
    """One audit row."""

    actor: str
    action: str
    detail: str
    at: datetime


class CampaignOut(BaseModel):
    """A campaign with its delivery counts and (when read alone) its audit trail."""

    id: int
    language: str
    text_ar: str | None
    text_en: str | None
    entry_id: str | None
    scheduled_at: datetime
    status: str
    created_by: str
    created_at: datetime
    deliveries: dict[str, int]
    audit: list[AuditOut] = Field(default_factory=list)


def campaign_view(session: Session, campaign: Campaign, with_audit: bool = False) -> CampaignOut:
    """The API (and dashboard) view of a campaign."""
    audit = [
        AuditOut.model_validate(a, from_attributes=True) for a in audit_trail(session, campaign.id)
    ]
    return CampaignOut(
        id=campaign.id, language=campaign.language, text_ar=campaign.text_ar,
        text_en=campaign.text_en, entry_id=campaign.entry_id, scheduled_at=campaign.scheduled_at,
        status=campaign.status, created_by=campaign.created_by, created_at=campaign.created_at,
        deliveries=delivery_counts(session, campaign.id), audit=audit if with_audit else [],
    )  # fmt: skip


def _check_entry(request: Request, entry_id: str | None) -> None:
    """A linked entry must exist in knowledge/ (file name == id)."""
    settings: Settings = request.app.state.settings
    if entry_id and not (settings.knowledge_dir / "entries" / f"{entry_id}.yaml").is_file():
        raise InvalidCampaign(f"entry_id: no knowledge entry {entry_id!r}")


def _message_out(message: OutgoingMessage) -> dict[str, object]:
    rows = [[{"title": b.title, "payload": b.payload} for b in row] for row in message.rows]
    return {"text": message.text, "buttons": rows}


@router.post("/preview")
def preview(
    body: CampaignIn, request: Request, session: DbSession, _: CentreAuth
) -> dict[str, object]:
    """Exactly what each audience language will receive, and how many subscribers that is."""
    _check_entry(request, body.entry_id)
    result = preview_campaign(session, body.draft())
    messages = {lang: _message_out(message) for lang, message in result.messages.items()}
    return {"messages": messages, "audience": result.audience}


@router.post("", status_code=201, response_model=CampaignOut)
def schedule(
    body: CampaignIn, request: Request, session: DbSession, centre: CentreAuth
) -> CampaignOut:
    """Schedule a campaign (a past ``scheduled_at`` means the scheduler's next run)."""
    if body.scheduled_at is None:
        raise InvalidCampaign("scheduled_at: required to schedule a campaign")
    _check_entry(request, body.entry_id)
    campaign = schedule_campaign(session, body.draft(), body.scheduled_at, f"api:{centre.name}")
    return campaign_view(session, campaign, with_audit=True)


@router.get("", response_model=list[CampaignOut])
def list_all(
    session: DbSession, _: CentreAuth, limit: Annotated[int, Query(ge=1, le=500)] = 100
) -> list[CampaignOut]:
    """Newest campaigns first, with delivery counts."""
    return [campaign_view(session, c) for c in list_campaigns(session, limit)]


@router.get("/{campaign_id}", response_model=CampaignOut)
def read(campaign_id: int, session: DbSession, _: CentreAuth) -> CampaignOut:
    """One campaign with its audit trail."""
    return campaign_view(session, get_campaign(session, campaign_id), with_audit=True)


@router.post("/{campaign_id}/cancel", response_model=CampaignOut)
def cancel(campaign_id: int, body: CancelIn, session: DbSession, centre: CentreAuth) -> CampaignOut:
    """Stop a scheduled or sending campaign; 409 once it is done or cancelled."""
    campaign = cancel_campaign(session, campaign_id, f"api:{centre.name}", body.reason)
    return campaign_view(session, campaign, with_audit=True)
