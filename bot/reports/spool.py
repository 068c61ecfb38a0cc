"""Reports survive a database outage: written to var/spool/ as JSON, stored once it is back.

A spooled report gets its reference at once, so the reporter is answered normally;
``drain_spool`` later stores it under that same reference (or, when the link was
reported meanwhile, merges it and keeps the reference as an alias that still resolves).
Files are written to a temporary name and renamed, so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from bot.reports.errors import InvalidReport
from bot.reports.intake import ReportInput, store_report
from bot.reports.references import new_reference
from bot.settings import Settings
from bot.store.engine import SessionFactory
from bot.store.models import Report, utcnow

logger = logging.getLogger(__name__)


def spool_directory(settings: Settings) -> Path:
    """Where reports wait while the database is down."""
    return settings.var_dir / "spool"


def spool_report(spool_dir: Path, data: ReportInput) -> Report:
    """Write the report to the spool; returns an unsaved case carrying its reference."""
    spool_dir.mkdir(parents=True, exist_ok=True)
    reference, now = new_reference(), utcnow()
    record = {"reference": reference, "created_at": now.isoformat(), "report": data.to_json()}
    temporary = spool_dir / f".{reference}.tmp"
    temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, spool_dir / f"{reference}.json")
    logger.warning("database unavailable: report %s spooled to %s", reference, spool_dir)
    return Report(
        reference=reference, url=data.url, text=data.text, platform=data.platform,
        country=data.country, description=data.description, language=data.language,
        status="new", report_count=1, created_at=now, updated_at=now,
    )  # fmt: skip


def drain_spool(session_factory: SessionFactory, spool_dir: Path) -> int:
    """Store every spooled report; stops quietly if the database is still down. Returns stored."""
    stored = 0
    for path in sorted(spool_dir.glob("HW-*.json")) if spool_dir.is_dir() else []:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            data = ReportInput(**record["report"])
            created_at = datetime.fromisoformat(record["created_at"])
        except (ValueError, KeyError, TypeError):
            logger.error("unreadable spool file %s set aside as .bad", path.name)
            path.rename(path.with_suffix(".bad"))
            continue
        try:
            with session_factory() as session:
                store_report(session, data, reference=record["reference"], created_at=created_at)
                session.commit()
        except DBAPIError:
            logger.warning("database still unavailable; %s stays spooled", path.name)
            break
        except InvalidReport:  # cannot be stored as written (e.g. its reference is taken)
            logger.error("spooled report %s could not be stored; set aside as .bad", path.name)
            path.rename(path.with_suffix(".bad"))
            continue
        path.unlink()
        stored += 1
    return stored
