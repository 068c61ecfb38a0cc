"""'Forget me': delete a sender's conversation from Rasa's SQL tracker store.

Called by the channels after Rasa confirms the request (a bot message carrying the
custom payload ``{"hiwar_forget": true}``). Rasa has already saved the turn when its
answer reaches us, so deleting afterwards leaves nothing behind.
"""

from __future__ import annotations

import logging

from sqlalchemy import create_engine, delete, inspect
from sqlalchemy import sql as sa_sql

from bot.settings import Settings

logger = logging.getLogger(__name__)

FORGET_MARKER = "hiwar_forget"
_EVENTS = sa_sql.table("events", sa_sql.column("sender_id"))


def forget_sender(settings: Settings, sender_id: str) -> int:
    """Delete every tracker event of this (pseudonymous) sender; returns rows deleted."""
    engine = create_engine(settings.tracker_store_url)
    try:
        with engine.begin() as connection:
            if not inspect(connection).has_table("events"):
                return 0
            result = connection.execute(delete(_EVENTS).where(_EVENTS.c.sender_id == sender_id))
            deleted = result.rowcount or 0
    finally:
        engine.dispose()
    logger.info("forgot sender %s…: %d tracker events deleted", sender_id[:8], deleted)
    return deleted
