"""The overview page: how the bot is used and how the queues stand, over 7, 30 or 90 days."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.analytics.summary import summary
from bot.review_queue.service import GAP_KINDS
from bot.store.models import Report, ReviewQuestion
from bot.web.admin.auth import AdminRoute, SignedIn, require
from bot.web.admin.charts import bar_chart, day_chart
from bot.web.admin.templates import render
from bot.web.ops_deps import DbSession

router = APIRouter(prefix="/admin", route_class=AdminRoute, include_in_schema=False)
PERIODS = (7, 30, 90)  # offered as links; any 1..MAX_DAYS is accepted
MAX_DAYS = 366


def cases_by_status(session: Session) -> dict[str, int]:
    """How many incitement cases are in each workflow status."""
    rows = session.execute(select(Report.status, func.count()).group_by(Report.status))
    return {str(status): int(count) for status, count in rows}


def questions_waiting(session: Session) -> int:
    """Queued questions not yet linked to an entry."""
    query = select(func.count()).where(
        ReviewQuestion.entry_id.is_(None), ReviewQuestion.kind.in_(list(GAP_KINDS))
    )
    return int(session.scalar(query) or 0)


@router.get("/", response_class=HTMLResponse)
def read_overview(
    session: DbSession,
    current: Annotated[SignedIn, Depends(require("overview"))],
    days: Annotated[int, Query(ge=1, le=MAX_DAYS)] = 30,
) -> HTMLResponse:
    """Answers vs abstentions per day, languages, channels, top entries, feedback."""
    numbers = summary(session, days)
    context = {
        "current": current,
        "title": "Overview",
        "days": days,
        "periods": PERIODS,
        "numbers": numbers,
        "per_day": day_chart(numbers.per_day),
        "languages": bar_chart(list(numbers.languages.items())),
        "channels": bar_chart(list(numbers.channels.items())),
        "top_entries": bar_chart(numbers.top_entries),
        "cases": cases_by_status(session),
        "waiting": questions_waiting(session),
    }
    return render("overview.html", context)
