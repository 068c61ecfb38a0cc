"""Campaigns in the dashboard: the list, a form to preview and schedule one, cancelling.

A one-off message goes to every active subscriber of one language. The admin writes
it, sees it exactly as subscribers will (text and buttons) with the audience size,
then schedules that very preview; nothing is stored before. The rules, the audit
trail and the delivery live in bot.outreach.campaigns; this module only reads forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from bot.outreach.campaigns import (
    CAMPAIGN_TEXT_MAX,
    OPEN,
    CampaignDraft,
    InvalidCampaign,
    Preview,
    audience_counts,
    audit_trail,
    cancel_campaign,
    delivery_counts,
    get_campaign,
    list_campaigns,
    preview_campaign,
    schedule_campaign,
)
from bot.outreach.models import Campaign
from bot.reports.errors import ConflictError, NotFound
from bot.web.admin.auth import AdminRoute, PageNotFound, SignedIn, check_csrf, require, settings_of
from bot.web.admin.review import entry_ids
from bot.web.admin.templates import render
from bot.web.ops_deps import DbSession

router = APIRouter(prefix="/admin/campaigns", route_class=AdminRoute, include_in_schema=False)
LANGUAGES = ("ar", "en")
LIST_LIMIT = 200
REASON_MAX = 2000
MAX_CAMPAIGN_ID = 2**31 - 1  # the column is a 32-bit integer; larger ids cannot exist
FORM_TEXT_MAX = (
    4 * CAMPAIGN_TEXT_MAX
)  # longer bodies are refused before reading; ≤ this gets a page


@dataclass(frozen=True)
class CampaignForm:
    """The create form as the admin filled it in, kept verbatim to re-show it."""

    language: str = "en"
    text: str = ""
    entry_id: str = ""
    scheduled_at: str = ""

    @property
    def message(self) -> str:
        """The text as it will be sent: browsers submit line breaks as CRLF."""
        return self.text.replace("\r\n", "\n").strip()

    def draft(self) -> CampaignDraft:
        """The domain draft: the one text goes to the chosen language."""
        text = self.message
        return CampaignDraft(
            self.language,
            text_ar=text if self.language == "ar" else None,
            text_en=text if self.language == "en" else None,
            entry_id=self.entry_id or None,
        )


def parse_time(value: str, now: datetime) -> datetime:
    """The scheduled time as UTC; empty means now. Earlier than this minute is refused."""
    if not value.strip():
        return now
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidCampaign("Scheduled time: pick a date and time (UTC).") from None
    when = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    if when < now.replace(second=0, microsecond=0):
        raise InvalidCampaign(
            f"Scheduled time: {when.strftime('%Y-%m-%d %H:%M')} UTC is in the past. "
            "Leave it empty to send as soon as possible."
        )
    return when


def check_form(form: CampaignForm, entries: list[str], now: datetime) -> datetime:
    """Raise InvalidCampaign naming the first wrong field; return the time to send."""
    text = form.message
    if form.language not in LANGUAGES:
        raise InvalidCampaign("Language: choose ar or en.")
    if not text:
        raise InvalidCampaign("Message: write the text subscribers will receive.")
    if len(text) > CAMPAIGN_TEXT_MAX:
        raise InvalidCampaign(
            f"Message: at most {CAMPAIGN_TEXT_MAX} characters (this one has {len(text)})."
        )
    if form.entry_id and form.entry_id not in entries:
        raise InvalidCampaign(
            f"Linked entry: there is no knowledge entry {form.entry_id!r}; choose one from the list."
        )
    return parse_time(form.scheduled_at, now)


def read_form(
    language: Annotated[str, Form(max_length=8)] = "",
    text: Annotated[str, Form(max_length=FORM_TEXT_MAX)] = "",
    entry_id: Annotated[str, Form(max_length=100)] = "",
    scheduled_at: Annotated[str, Form(max_length=40)] = "",
) -> CampaignForm:
    """The create form's fields (a dependency, shared by preview and schedule)."""
    return CampaignForm(language, text, entry_id, scheduled_at)


FormDep = Annotated[CampaignForm, Depends(read_form)]


def _list_page(
    request: Request, session: Session, current: SignedIn, form: CampaignForm, *,
    preview: Preview | None = None, when: datetime | None = None, error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    campaigns = list_campaigns(session, LIST_LIMIT)
    context: dict[str, Any] = {
        "current": current, "title": "Campaigns", "form": form, "preview": preview, "when": when,
        "rows": [(campaign, delivery_counts(session, campaign.id)) for campaign in campaigns],
        "limited": len(campaigns) == LIST_LIMIT, "audience": audience_counts(session, "all"),
        "entries": entry_ids(settings_of(request)), "languages": LANGUAGES,
        "may_manage": current.user.may("campaigns.manage"), "text_max": CAMPAIGN_TEXT_MAX,
        "error": error,
    }  # fmt: skip
    return render("campaigns.html", context, status_code=status_code)


@router.get("", response_class=HTMLResponse)
def read_campaigns(
    request: Request,
    session: DbSession,
    current: Annotated[SignedIn, Depends(require("campaigns"))],
) -> HTMLResponse:
    """Every campaign, newest first, and (for admins) the form to write a new one."""
    return _list_page(request, session, current, CampaignForm())


@router.post("/preview", response_class=HTMLResponse)
def preview_new_campaign(
    request: Request,
    session: DbSession,
    current: Annotated[SignedIn, Depends(require("campaigns.manage"))],
    form: FormDep,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> HTMLResponse:
    """The message as subscribers will see it, and how many will; nothing is stored."""
    check_csrf(request, current, csrf_token)
    try:
        when = check_form(form, entry_ids(settings_of(request)), datetime.now(UTC))
        preview = preview_campaign(session, form.draft())
    except InvalidCampaign as error:
        return _list_page(request, session, current, form, error=str(error), status_code=422)
    return _list_page(request, session, current, form, preview=preview, when=when)


@router.post("/schedule")
def schedule_new_campaign(
    request: Request,
    session: DbSession,
    current: Annotated[SignedIn, Depends(require("campaigns.manage"))],
    form: FormDep,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Store the previewed campaign, audited under the signed-in user's name."""
    check_csrf(request, current, csrf_token)
    try:
        when = check_form(form, entry_ids(settings_of(request)), datetime.now(UTC))
        campaign = schedule_campaign(session, form.draft(), when, f"admin:{current.user.name}")
    except InvalidCampaign as error:
        return _list_page(request, session, current, form, error=str(error), status_code=422)
    return RedirectResponse(f"/admin/campaigns/{campaign.id}?scheduled=1", status_code=303)


def _campaign_or_404(session: Session, campaign_id: str) -> Campaign:
    number = campaign_id.isascii() and campaign_id.isdigit() and len(campaign_id) <= 10
    if number and 0 < int(campaign_id) <= MAX_CAMPAIGN_ID:
        try:
            return get_campaign(session, int(campaign_id))
        except NotFound:
            pass
    raise PageNotFound("There is no campaign with that number.")


def _detail(
    session: Session, current: SignedIn, campaign: Campaign, *, error: str | None = None,
    flash: str | None = None, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    context = {
        "current": current, "title": f"Campaign {campaign.id}", "campaign": campaign,
        "deliveries": delivery_counts(session, campaign.id),
        "audit": audit_trail(session, campaign.id),
        "cancellable": campaign.status in OPEN,
        "may_manage": current.user.may("campaigns.manage"), "reason_max": REASON_MAX,
        "error": error, "flash": flash,
    }  # fmt: skip
    return render("campaign.html", context, status_code=status_code)


@router.get("/{campaign_id}", response_class=HTMLResponse)
def read_campaign(
    campaign_id: str,
    session: DbSession,
    current: Annotated[SignedIn, Depends(require("campaigns"))],
    scheduled: str = "",
    cancelled: str = "",
) -> HTMLResponse:
    """One campaign: its message, status, delivery counts and audit trail."""
    campaign = _campaign_or_404(session, campaign_id)
    flash = "Campaign scheduled." if scheduled else "Campaign cancelled." if cancelled else None
    return _detail(session, current, campaign, flash=flash)


@router.post("/{campaign_id}/cancel")
def cancel_existing_campaign(
    campaign_id: str,
    request: Request,
    session: DbSession,
    current: Annotated[SignedIn, Depends(require("campaigns.manage"))],
    reason: Annotated[str, Form(max_length=REASON_MAX)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Stop a campaign that is still scheduled or sending; the reason goes in the audit."""
    check_csrf(request, current, csrf_token)
    campaign = _campaign_or_404(session, campaign_id)
    if not reason.strip():
        message = "Reason: say why the campaign is cancelled (it is kept in the audit trail)."
        return _detail(session, current, campaign, error=message, status_code=422)
    try:
        cancel_campaign(session, campaign.id, f"admin:{current.user.name}", reason.strip())
    except ConflictError:
        message = (
            f"This campaign is already {campaign.status}; "
            "only a scheduled or sending campaign can be cancelled."
        )
        return _detail(session, current, campaign, error=message, status_code=409)
    return RedirectResponse(f"/admin/campaigns/{campaign.id}?cancelled=1", status_code=303)
