"""Helpful / not helpful, and which answers were served: counted per entry for the analytics.

Analytics rows carry no pseudonym (bot.analytics): they count, they do not follow anyone.
A database that is down costs a log line, never the reply.
"""

from __future__ import annotations

from bot.dialogue.services import Store


def record_feedback(
    store: Store, *, entry_id: str, helpful: bool, lang: str | None, channel: str | None
) -> None:
    """Count one vote on one entry."""
    store.analytics.feedback(entry_id, helpful, lang, channel)
