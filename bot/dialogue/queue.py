"""The scholars' queue: questions the bot could not answer, and "talk to a scholar" requests."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal

from bot.dialogue.local_store import connect
from bot.settings import Settings

QueueReason = Literal["abstain", "scholar", "crisis"]


def record_unanswered(
    settings: Settings,
    *,
    sender: str,
    question: str,
    lang: str | None,
    channel: str | None,
    reason: QueueReason,
    candidates: Sequence[str] = (),
) -> None:
    """Queue a question for the scholars, with the nearest entries as context."""
    with connect(settings) as db:
        db.execute(
            "INSERT INTO dialogue_unanswered"
            " (sender, question, lang, channel, reason, candidates, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (sender, question, lang, channel, reason, json.dumps(list(candidates)), _now()),
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
