"""Opt-in to counter-messages; the outreach component reads these to deliver them."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.dialogue.local_store import connect
from bot.settings import Settings


def set_subscription(
    settings: Settings, *, sender: str, lang: str | None, channel: str | None, subscribed: bool
) -> None:
    """Record the user's current choice (the last one wins)."""
    with connect(settings) as db:
        db.execute(
            "INSERT INTO dialogue_subscriptions (sender, lang, channel, subscribed, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(sender) DO UPDATE SET lang = excluded.lang,"
            " channel = excluded.channel, subscribed = excluded.subscribed,"
            " updated_at = excluded.updated_at",
            (
                sender,
                lang,
                channel,
                int(subscribed),
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )


def is_subscribed(settings: Settings, sender: str) -> bool:
    """Whether the sender has opted in (and not out since)."""
    with connect(settings) as db:
        row = db.execute(
            "SELECT subscribed FROM dialogue_subscriptions WHERE sender = ?", (sender,)
        ).fetchone()
    return bool(row and row[0])
