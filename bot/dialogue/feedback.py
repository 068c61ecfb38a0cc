"""Helpful / not helpful, stored per entry for the analytics."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.dialogue.local_store import connect
from bot.settings import Settings


def record_feedback(
    settings: Settings, *, sender: str, entry_id: str, helpful: bool, lang: str | None
) -> None:
    """Store one vote on one entry."""
    with connect(settings) as db:
        db.execute(
            "INSERT INTO dialogue_feedback (sender, entry_id, helpful, lang, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (sender, entry_id, int(helpful), lang, datetime.now(UTC).isoformat(timespec="seconds")),
        )
