"""The focal points' feed: verified and shared cases for one scope, after a cursor.

The cursor is a feed event id, which only grows, so a consumer that stores the last
``next_cursor`` never misses a case verified after it last asked (a case verified
late still gets a new, larger id). CSV cells that a spreadsheet would run as a
formula are prefixed with an apostrophe; everything else is returned as stored.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.reports.errors import Forbidden, InvalidReport
from bot.store.models import FeedEvent, Report

CENTRE_SCOPE = "*"
MAX_PAGE = 500
CSV_COLUMNS = (
    "cursor", "event", "reference", "status", "url", "text", "platform", "country",
    "description", "language", "report_count", "created_at", "event_at",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class FeedPage:
    """One page of the feed; pass ``next_cursor`` back to continue."""

    items: list[dict[str, Any]]
    next_cursor: int
    has_more: bool


def case_fields(report: Report) -> dict[str, Any]:
    """The fields of a case shared with focal points (no reporter data, ever)."""
    return {
        "reference": report.reference,
        "status": report.status,
        "url": report.url,
        "text": report.text,
        "platform": report.platform,
        "country": report.country,
        "description": report.description,
        "language": report.language,
        "report_count": report.report_count,
        "created_at": report.created_at.isoformat(),
    }


def resolve_scope(token_scope: str, requested_country: str | None) -> str:
    """The country to read: a focal point may ask only for its own; the centre for any."""
    requested = requested_country.upper() if requested_country else None
    if token_scope == CENTRE_SCOPE:
        return requested or CENTRE_SCOPE
    if requested and requested != token_scope:
        raise Forbidden(f"this token may read {token_scope} only")
    return token_scope


def read_feed(session: Session, *, scope: str, cursor: int = 0, limit: int = 100) -> FeedPage:
    """Feed events after ``cursor`` for ``scope`` (a country code, or "*" for all)."""
    if cursor < 0 or not 1 <= limit <= MAX_PAGE:
        raise InvalidReport(f"cursor must be ≥ 0 and limit between 1 and {MAX_PAGE}")
    query = (
        select(FeedEvent, Report)
        .join(Report, Report.id == FeedEvent.report_id)
        .where(FeedEvent.id > cursor)
        .order_by(FeedEvent.id)
        .limit(limit + 1)
    )
    if scope != CENTRE_SCOPE:
        query = query.where(FeedEvent.country == scope)
    rows = session.execute(query).all()
    items = [_item(event, report) for event, report in rows[:limit]]
    next_cursor = items[-1]["cursor"] if items else cursor
    return FeedPage(items=items, next_cursor=next_cursor, has_more=len(rows) > limit)


def _item(event: FeedEvent, report: Report) -> dict[str, Any]:
    return {
        "cursor": event.id,
        "event": f"report.{event.status}",
        **case_fields(report),
        "event_at": event.created_at.isoformat(),
    }


def feed_to_csv(page: FeedPage) -> str:
    """The page as CSV with a header row; formula-like cells neutralised."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for item in page.items:
        writer.writerow({key: _cell(item.get(key)) for key in CSV_COLUMNS})
    return buffer.getvalue()


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
