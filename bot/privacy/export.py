"""One person's data on request: their tracker events and our rows, as one JSON document.

A person is identified by pseudonym (what every table stores), or by channel and raw id
(a Telegram user id, a widget session id) which is pseudonymised here with the same
key the channels use, so the raw id is never stored or logged.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.channels.pseudonym import pseudonymize
from bot.outreach.subscriptions import export_subscriptions
from bot.privacy.tracker import events_of_sender
from bot.settings import Settings
from bot.store.privacy import export_pseudonym


def resolve_pseudonym(settings: Settings, identifier: str, channel: str | None) -> str:
    """The stored pseudonym: ``identifier`` itself, or its keyed hash under ``channel``."""
    identifier = identifier.strip()
    if not identifier:
        raise ValueError("identifier: empty")
    if channel:
        return pseudonymize(settings.pseudonym_key, channel, identifier)
    return identifier


def export_user_data(settings: Settings, session: Session, pseudonym: str) -> dict[str, Any]:
    """Everything stored about ``pseudonym`` across the tracker store and our tables."""
    ours = export_pseudonym(session, pseudonym)
    return {
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "pseudonym": pseudonym,
        "conversation_events": events_of_sender(settings.tracker_store_url, pseudonym),
        "questions": ours.get("questions", []),
        "reports": ours.get("reports", []),
        "subscriptions": export_subscriptions(session, pseudonym),
    }
