"""Reports triage: the filtered list of cases, one case with its audit log, status changes.

Status changes go through bot.reports.triage.change_status with the version the page
showed, so two analysts working on one case cannot overwrite each other: the second
sees "someone else changed this" with the current state. Focal points read verified
and shared cases (of their country when their role is scoped) and change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from bot.reports.errors import ConflictError, NotFound, OperationsError
from bot.reports.service import get_report
from bot.reports.triage import audit_trail, change_status
from bot.reports.workflow import ALLOWED_TRANSITIONS, FEED_STATUSES, ReportStatus
from bot.store.models import DESCRIPTION_MAX, Report, ReportSubmission
from bot.web.admin.auth import (
    AdminRoute,
    AdminUser,
    PageNotFound,
    Role,
    SignedIn,
    check_csrf,
    require,
)
from bot.web.admin.templates import render
from bot.web.metrics import metrics_of
from bot.web.ops_deps import DbSession

router = APIRouter(prefix="/admin/reports", route_class=AdminRoute, include_in_schema=False)
PAGE_SIZE = 50
CONFLICT_MESSAGE = (
    "Someone else changed this case while you were looking at it. "
    "Its current state is shown below; check it and try again."
)


@dataclass(frozen=True)
class CaseFilters:
    """What the list is narrowed to; empty strings mean "any"."""

    status: str = ""
    country: str = ""
    platform: str = ""
    q: str = ""


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def visible_cases(user: AdminUser) -> Select[Report]:
    """The cases this user may see at all."""
    query = select(Report)
    if user.role is Role.FOCAL_POINT:
        query = query.where(Report.status.in_([status.value for status in FEED_STATUSES]))
        if user.country:
            query = query.where(Report.country == user.country)
    return query


def list_cases(
    session: Session, user: AdminUser, filters: CaseFilters, page: int
) -> tuple[list[Report], int]:
    """One page of matching cases, newest change first, and the number matching."""
    query = visible_cases(user)
    if filters.status:
        query = query.where(Report.status == filters.status)
    if filters.country:
        query = query.where(Report.country == filters.country.upper())
    if filters.platform:
        query = query.where(Report.platform == filters.platform)
    if filters.q:
        pattern = _like(filters.q[:200])
        query = query.where(
            or_(*(column.ilike(pattern, escape="\\")
                  for column in (Report.reference, Report.url, Report.text, Report.description)))
        )  # fmt: skip
    total = int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    rows = session.scalars(
        query.order_by(Report.updated_at.desc(), Report.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    return list(rows), total


@router.get("", response_class=HTMLResponse)
def read_reports(
    session: DbSession,
    current: Annotated[SignedIn, Depends(require("reports"))],
    filters: Annotated[CaseFilters, Depends()],
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    """The triage list with filters (status, country, platform, free text)."""
    cases, total = list_cases(session, current.user, filters, page)
    platforms = sorted(
        platform for platform in session.scalars(select(Report.platform).distinct()) if platform
    )
    context = {
        "current": current, "title": "Reports", "cases": cases, "total": total, "page": page,
        "pages": max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1), "filters": filters,
        "statuses": [status.value for status in ReportStatus], "platforms": platforms,
    }  # fmt: skip
    return render("reports.html", context)


def _case_or_404(session: Session, user: AdminUser, reference: str) -> Report:
    try:
        report = get_report(session, reference)
    except NotFound:
        report = None
    visible = report is not None and session.scalar(
        visible_cases(user).where(Report.id == report.id)
    )
    if report is None or not visible:
        raise PageNotFound("No case with that reference is visible to you.")
    return report


def _detail(
    session: Session, current: SignedIn, report: Report, *, error: str | None = None,
    flash: str | None = None, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    submissions = session.scalar(
        select(func.count()).where(ReportSubmission.report_id == report.id)
    )
    context = {
        "current": current, "title": f"Case {report.reference}", "case": report,
        "audit": audit_trail(session, report.reference), "submissions": submissions or 0,
        "next_statuses": sorted(ALLOWED_TRANSITIONS[ReportStatus(report.status)]),
        "may_change": current.user.may("reports.change"), "error": error, "flash": flash,
        "reason_max": DESCRIPTION_MAX,
    }  # fmt: skip
    return render("report.html", context, status_code=status_code)


@router.get("/{reference}", response_class=HTMLResponse)
def read_report(
    reference: str,
    session: DbSession,
    current: Annotated[SignedIn, Depends(require("reports"))],
    changed: str = "",
) -> HTMLResponse:
    """One case: fields, how many reported it, the audit log and the status form."""
    report = _case_or_404(session, current.user, reference)
    flash = f"Status changed to {report.status}." if changed else None
    return _detail(session, current, report, flash=flash)


@router.post("/{reference}/status")
def update_report_status(
    reference: str,
    request: Request,
    session: DbSession,
    current: Annotated[SignedIn, Depends(require("reports.change"))],
    status: Annotated[str, Form(max_length=32)] = "",
    reason: Annotated[str, Form(max_length=DESCRIPTION_MAX)] = "",
    version: Annotated[int, Form(ge=0)] = 0,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Apply one workflow step; a stale version re-renders the case with a 409."""
    check_csrf(request, current, csrf_token)
    report = _case_or_404(session, current.user, reference)
    try:
        report = change_status(
            session, report.reference, to_status=status, reason=reason,
            expected_version=version, actor=f"admin:{current.user.name}",
        )  # fmt: skip
    except ConflictError:
        session.expire_all()
        fresh = get_report(session, report.reference)
        return _detail(session, current, fresh, error=CONFLICT_MESSAGE, status_code=409)
    except OperationsError as error:
        session.expire_all()
        fresh = get_report(session, report.reference)
        return _detail(session, current, fresh, error=str(error), status_code=error.http_status)
    metrics = metrics_of(request.app)
    if metrics is not None:
        metrics.count_report(report.status)
    return RedirectResponse(f"/admin/reports/{report.reference}?changed=1", status_code=303)
