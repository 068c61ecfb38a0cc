"""Checking a report's fields and storing it, merging repeats of the same link.

Both the chat form and the partner API come through ``validate_report``; the limits
are the column sizes in bot.store.models, and every error names the field.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.reports.errors import InvalidReport
from bot.reports.references import new_reference
from bot.reports.urls import detect_platform, normalize_url
from bot.store.models import (
    DESCRIPTION_MAX,
    PSEUDONYM_MAX,
    TEXT_MAX,
    Report,
    ReportSubmission,
    utcnow,
)

PLATFORM_MAX = 32
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,4})?$")
_ABSENT = ("", "none", "null")
STORE_ATTEMPTS = 3


@dataclass(frozen=True)
class ReportInput:
    """A validated report: URL normalised, platform detected, text free of NUL bytes."""

    url: str | None
    text: str | None
    platform: str | None
    country: str | None
    description: str
    language: str | None
    reporter_pseudonym: str | None

    def to_json(self) -> dict[str, str | None]:
        """Plain fields for the spool file."""
        return asdict(self)

    @property
    def dedupe_key(self) -> str:
        """What makes two reports the same case: the link, else the quoted text."""
        if self.url:
            basis = f"url:{self.url}"
        else:
            basis = "text:" + " ".join((self.text or "").casefold().split())
        return hashlib.sha256(basis.encode()).hexdigest()


def _clean(value: str | None, field: str, limit: int) -> str | None:
    """Stripped text without NUL (PostgreSQL refuses it); None when empty."""
    if value is None:
        return None
    text = value.replace("\x00", "").strip()
    if len(text) > limit:
        raise InvalidReport(f"{field}: {len(text)} characters; the limit is {limit}")
    return None if text.lower() in _ABSENT else text


def _country(value: str | None) -> str | None:
    code = _clean(value, "country", 8)
    if code is None:
        return None
    if not _COUNTRY.match(code.upper()):
        raise InvalidReport("country: expected a two-letter ISO code such as JO or EG")
    return code.upper()


def _language(value: str | None) -> str | None:
    code = _clean(value, "language", 8)
    if code is not None and not _LANGUAGE.match(code.lower()):
        raise InvalidReport("language: expected a language code such as ar or en")
    return code.lower() if code else None


def validate_report(
    *,
    url: str | None,
    text: str | None,
    platform: str | None,
    country: str | None,
    description: str | None,
    language: str | None,
    reporter_pseudonym: str | None,
) -> ReportInput:
    """Check and normalise every field; raises InvalidReport naming the first bad one."""
    raw_url = _clean(url, "url", 2048)
    clean_url = normalize_url(raw_url) if raw_url else None
    clean_text = _clean(text, "text", TEXT_MAX)
    if clean_url is None and clean_text is None:
        raise InvalidReport("url or text: give the link, or paste what the post says")
    detected = detect_platform(clean_url)
    given = (_clean(platform, "platform", 100) or "").lower()[:PLATFORM_MAX] or None
    return ReportInput(
        url=clean_url,
        text=clean_text,
        platform=given if detected in (None, "website") and given else detected,
        country=_country(country),
        description=_clean(description, "description", DESCRIPTION_MAX) or "",
        language=_language(language),
        reporter_pseudonym=_clean(reporter_pseudonym, "reporter_pseudonym", PSEUDONYM_MAX),
    )


def store_report(
    session: Session,
    data: ReportInput,
    *,
    reference: str | None = None,
    created_at: datetime | None = None,
) -> tuple[Report, bool]:
    """Insert the case, or count one more report on the existing one; (case, merged)."""
    for _ in range(STORE_ATTEMPTS):
        existing = session.scalar(select(Report).where(Report.dedupe_key == data.dedupe_key))
        if existing is not None:
            return _merge(session, existing, data, reference, created_at), True
        report = _new_case(data, reference or new_reference(), created_at or utcnow())
        try:
            session.add(report)
            session.flush()
        except IntegrityError:
            # Someone filed the same link at the same moment (or the reference collided):
            # start over and merge into theirs.
            session.rollback()
            continue
        session.add(_submission(report.id, data, None, report.created_at))
        session.flush()
        return report, False
    raise InvalidReport("could not store the report after repeated conflicts; try again")


def _new_case(data: ReportInput, reference: str, created_at: datetime) -> Report:
    return Report(
        reference=reference, url=data.url, dedupe_key=data.dedupe_key, text=data.text,
        platform=data.platform, country=data.country, description=data.description,
        language=data.language, status="new", report_count=1, created_at=created_at,
        updated_at=created_at,
    )  # fmt: skip


def _submission(
    report_id: int, data: ReportInput, alias: str | None, created_at: datetime
) -> ReportSubmission:
    return ReportSubmission(
        report_id=report_id, reporter_pseudonym=data.reporter_pseudonym,
        description=data.description, language=data.language, alias_reference=alias,
        created_at=created_at,
    )  # fmt: skip


def _merge(
    session: Session,
    case: Report,
    data: ReportInput,
    alias: str | None,
    created_at: datetime | None,
) -> Report:
    """Count the repeat without bumping the case version (an analyst's edit stays valid)."""
    table = cast(Table, Report.__table__)
    session.execute(
        update(table)
        .where(table.c.id == case.id)
        .values(
            report_count=table.c.report_count + 1,
            country=func.coalesce(table.c.country, data.country),
        )
    )
    session.add(_submission(case.id, data, alias, created_at or utcnow()))
    session.flush()
    session.refresh(case)
    return case
