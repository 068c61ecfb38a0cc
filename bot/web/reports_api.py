"""Operations API: partner apps file reports, the centre triages, focal points read the feed.

Every route needs an API token (``Authorization: Bearer hwt_…``). Country-scoped tokens
read only their country's verified and shared cases; the centre's "*" tokens read
everything and change statuses. Domain errors map to status codes in ops_deps.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from bot.channels.pseudonym import pseudonymize
from bot.reports.csv_import import parse_report_csv
from bot.reports.errors import Forbidden, NotFound
from bot.reports.feed import MAX_PAGE, feed_to_csv, read_feed, resolve_scope
from bot.reports.focal_points import is_centre
from bot.reports.service import get_report, store_validated_report, submit_report
from bot.reports.spool import spool_directory
from bot.reports.triage import change_status
from bot.reports.workflow import FEED_STATUSES
from bot.settings import Settings
from bot.store.models import DESCRIPTION_MAX, TEXT_MAX, URL_MAX, FocalPoint, Report
from bot.web.ops_deps import DbSession, FocalPointAuth, OperationsRoute

router = APIRouter(prefix="/api", tags=["reports"], route_class=OperationsRoute)


class ReportIn(BaseModel):
    """A report from a partner app; ``reporter_id`` is pseudonymised before storage."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(default=None, max_length=URL_MAX)
    text: str | None = Field(default=None, max_length=TEXT_MAX)
    platform: str | None = Field(default=None, max_length=32)
    country: str | None = Field(default=None, max_length=8)
    description: str | None = Field(default=None, max_length=DESCRIPTION_MAX)
    language: str | None = Field(default=None, max_length=8)
    reporter_id: str | None = Field(default=None, max_length=200)


class ReportReceipt(BaseModel):
    """What the reporter needs: the reference, and how many reported the same thing."""

    reference: str
    status: str
    report_count: int


class ReportOut(BaseModel):
    """A case as the centre and focal points see it (never who reported it)."""

    reference: str
    status: str
    version: int
    url: str | None
    text: str | None
    platform: str | None
    country: str | None
    description: str
    language: str | None
    report_count: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, report: Report) -> ReportOut:
        """The API view of a stored case."""
        return cls.model_validate(report, from_attributes=True)


class StatusChangeIn(BaseModel):
    """One workflow step; ``version`` is the one the caller read (stale → 409)."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["new", "under_review", "verified", "shared", "dismissed"]
    reason: str = Field(min_length=1, max_length=DESCRIPTION_MAX)
    version: int = Field(ge=1)


class FeedOut(BaseModel):
    """One page of the feed; send ``next_cursor`` back as ``cursor``."""

    items: list[dict[str, Any]]
    next_cursor: int
    has_more: bool


def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def _reporter(settings: Settings, focal_point: FocalPoint, reporter_id: str | None) -> str | None:
    """The partner's user id as a keyed pseudonym, namespaced by partner."""
    if not reporter_id:
        return None
    return pseudonymize(settings.pseudonym_key, f"partner:{focal_point.name}", reporter_id)


@router.post("/reports", status_code=201, response_model=ReportReceipt)
def create_report(
    body: ReportIn, session: DbSession, focal_point: FocalPointAuth, request: Request
) -> ReportReceipt:
    """File one report (merged into the existing case when the link was reported before)."""
    settings = _settings(request)
    fields = body.model_dump(exclude={"reporter_id"})
    report = submit_report(
        session, **fields, reporter_pseudonym=_reporter(settings, focal_point, body.reporter_id),
        spool_dir=spool_directory(settings),
    )  # fmt: skip
    return ReportReceipt(
        reference=report.reference, status=report.status, report_count=report.report_count
    )


@router.post("/reports/batch", status_code=201)
async def import_reports(
    request: Request, session: DbSession, focal_point: FocalPointAuth
) -> dict[str, list[str]]:
    """File many reports from a CSV body (header row; columns as in POST /api/reports)."""
    reports = parse_report_csv(await request.body())
    settings = _settings(request)

    def store_all() -> list[str]:
        return [
            store_validated_report(
                session,
                replace(data, reporter_pseudonym=_reporter(settings, focal_point, reporter_id)),
            ).reference
            for data, reporter_id in reports
        ]

    return {"references": await run_in_threadpool(store_all)}


@router.get("/reports/{reference}", response_model=ReportOut)
def read_report(reference: str, session: DbSession, focal_point: FocalPointAuth) -> ReportOut:
    """One case; focal points see only their country's verified and shared cases."""
    report = get_report(session, reference)
    if not is_centre(focal_point):
        if report.country != focal_point.country:
            raise Forbidden(f"this token may read {focal_point.country} cases only")
        if report.status not in FEED_STATUSES:
            raise NotFound("no case with that reference")
    return ReportOut.of(report)


@router.patch("/reports/{reference}/status", response_model=ReportOut)
def update_report_status(
    reference: str, body: StatusChangeIn, session: DbSession, focal_point: FocalPointAuth
) -> ReportOut:
    """Move a case through the workflow (centre tokens only); stale version → 409."""
    if not is_centre(focal_point):
        raise Forbidden("only the centre may change a case's status")
    report = change_status(
        session, reference, to_status=body.status, reason=body.reason,
        expected_version=body.version, actor=f"api:{focal_point.name}",
    )  # fmt: skip
    return ReportOut.of(report)


@router.get("/feed", response_model=FeedOut)
def read_feed_page(
    request: Request,
    session: DbSession,
    focal_point: FocalPointAuth,
    cursor: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
    format: Annotated[Literal["json", "csv"] | None, Query()] = None,
) -> Any:
    """Verified/shared cases for the token's scope after ``cursor``, as JSON or CSV."""
    scope = resolve_scope(focal_point.country, country)
    page = read_feed(session, scope=scope, cursor=cursor, limit=limit)
    wants_csv = format == "csv" or (
        format is None and "text/csv" in request.headers.get("accept", "")
    )
    if wants_csv:
        headers = {"X-Next-Cursor": str(page.next_cursor), "X-Has-More": str(page.has_more).lower()}
        return Response(feed_to_csv(page), media_type="text/csv; charset=utf-8", headers=headers)
    return FeedOut(items=page.items, next_cursor=page.next_cursor, has_more=page.has_more)
