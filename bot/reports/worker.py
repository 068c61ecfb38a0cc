"""The background worker: pushes due webhooks and stores spooled reports every few seconds.

Runs in a thread of the gateway (or any long-lived process) until ``stop`` is set.
Each pass is independent and survives a database outage: errors are logged and the
next pass tries again, so the outbox and the spool drain once the database is back.
"""

from __future__ import annotations

import logging
import threading

import httpx
from sqlalchemy.exc import DBAPIError

from bot.reports.spool import drain_spool, spool_directory
from bot.reports.webhooks import deliver_due
from bot.settings import Settings
from bot.store.engine import SessionFactory
from bot.store.models import utcnow

logger = logging.getLogger(__name__)

WEBHOOK_TIMEOUT_S = 10.0


def run_pass(
    settings: Settings, session_factory: SessionFactory, http_client: httpx.Client
) -> None:
    """One round: drain the spool, then deliver every due webhook."""
    stored = drain_spool(session_factory, spool_directory(settings))
    if stored:
        logger.info("stored %d spooled reports", stored)
    with session_factory() as session:
        deliver_due(session, http_client, utcnow(), max_attempts=settings.webhook_max_attempts)


def run_worker(
    settings: Settings,
    session_factory: SessionFactory,
    stop: threading.Event,
    *,
    interval_s: float = 5.0,
    http_client: httpx.Client | None = None,
) -> None:
    """Repeat ``run_pass`` until ``stop`` is set; never raises for a database outage."""
    client = http_client or httpx.Client(timeout=WEBHOOK_TIMEOUT_S, follow_redirects=False)
    try:
        while not stop.is_set():
            try:
                run_pass(settings, session_factory, client)
            except DBAPIError:
                logger.warning("operations worker: database unavailable; retrying")
            except Exception:  # one bad row must not stop deliveries for everyone
                logger.exception("operations worker pass failed")
            stop.wait(interval_s)
    finally:
        if http_client is None:
            client.close()


def start_worker(
    settings: Settings, session_factory: SessionFactory
) -> tuple[threading.Thread, threading.Event]:
    """Start ``run_worker`` in a daemon thread; set the returned event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(
        target=run_worker,
        args=(settings, session_factory, stop),
        name="hiwar-ops-worker",
        daemon=True,
    )
    thread.start()
    return thread, stop
