"""The retention job: raw conversation events and our who-said-what rows expire.

``purge_expired`` is what a scheduler calls (``retention_loop`` in the gateway, or
cron through the CLI). Anonymous aggregates (analytics) and case records stay.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.privacy.tracker import delete_events_before
from bot.settings import Settings
from bot.store.engine import SessionFactory
from bot.store.privacy import delete_older_than

logger = logging.getLogger(__name__)
RETENTION_INTERVAL_S = 6 * 3600


def purge_expired(settings: Settings, session: Session, now: datetime) -> dict[str, int]:
    """Delete tracker events and our rows older than ``settings.retention_days`` (commits)."""
    if now.tzinfo is None:
        raise ValueError("now: must be timezone-aware")
    if settings.retention_days < 1:
        raise ValueError("retention_days: at least 1")
    cutoff = now - timedelta(days=settings.retention_days)
    deleted = {"tracker_events": delete_events_before(settings.tracker_store_url, cutoff)}
    # bot.store.privacy counts its cutoff from the wall clock, which is "now" in production.
    deleted.update(delete_older_than(session, settings.retention_days))
    logger.info("retention (%d days): deleted %s", settings.retention_days, deleted)
    return deleted


async def retention_loop(
    settings: Settings, sessions: SessionFactory, interval_s: float = RETENTION_INTERVAL_S
) -> None:
    """Run ``purge_expired`` every ``interval_s`` until cancelled; a failure waits for the next run."""
    from datetime import UTC

    while True:
        try:
            await asyncio.to_thread(_purge_once, settings, sessions, datetime.now(UTC))
        except Exception:  # the next run may succeed (database back up); never stop the loop
            logger.exception("retention run failed")
        await asyncio.sleep(interval_s)


def _purge_once(settings: Settings, sessions: SessionFactory, now: datetime) -> dict[str, int]:
    with sessions() as session:
        return purge_expired(settings, session, now)
