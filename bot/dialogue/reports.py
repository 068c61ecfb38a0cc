"""Incitement reports from the chat: reading the reporter's answers, and filing the report.

Filing is one function, ``submit_report``, so the operations component can take it
over (deduplication, triage, routing) without touching the form.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from bot.dialogue.local_store import connect
from bot.dialogue.vocabulary import canonical_platform, extract_url, find_country, find_platform
from bot.settings import Settings

NONE = "none"  # slot value for "the reporter has no link" / "skipped the country"
MIN_QUOTE_CHARS = 40  # pasted post text is longer than a stray word or a platform name
MAX_FIELD_CHARS = 2000
# Unambiguous, case-insensitive alphabet (no 0/O, 1/I/L).
_REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

LinkKind = Literal["url", "no_link", "quote", "invalid"]


@dataclass(frozen=True)
class LinkAnswer:
    """What the reporter gave when asked for the link."""

    kind: LinkKind
    value: str | None = None


@dataclass(frozen=True)
class ReportDraft:
    """A report as the form collected it; the reporter is a pseudonym."""

    url: str | None
    quote: str | None
    platform: str | None
    country: str | None
    description: str
    lang: str | None
    channel: str | None
    reporter: str


def read_link_answer(text: str, intent: str | None) -> LinkAnswer:
    """Classify the answer to "send the link": a link, "no link", pasted text, or neither."""
    url = extract_url(text)
    if url:
        return LinkAnswer("url", url)
    if intent == "deny":
        return LinkAnswer("no_link")
    if len(text.strip()) >= MIN_QUOTE_CHARS:
        return LinkAnswer("quote", text.strip()[:MAX_FIELD_CHARS])
    return LinkAnswer("invalid")


def read_platform(text: str, entity_value: str | None, url: str | None) -> str:
    """A platform code from the entity, the link's host or the words; else the words as typed."""
    if entity_value:
        return canonical_platform(entity_value)
    found = find_platform(url or "") or find_platform(text)
    return found or text.strip()[:100]


def read_country(text: str, intent: str | None) -> str:
    """An ISO code, or ``none`` when skipped or not recognised (the country is optional)."""
    if intent == "deny":
        return NONE
    return find_country(text) or NONE


def new_reference() -> str:
    """A short, unguessable reference the reporter can quote: HW-XXXX-XXXX."""
    chars = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"HW-{chars[:4]}-{chars[4:]}"


def submit_report(settings: Settings, draft: ReportDraft) -> str:
    """File the report and return its reference number."""
    reference = new_reference()
    with connect(settings) as db:
        db.execute(
            "INSERT INTO dialogue_reports (reference, url, quote, platform, country, description,"
            " lang, channel, reporter, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                reference, draft.url, draft.quote, draft.platform, draft.country,
                draft.description[:MAX_FIELD_CHARS], draft.lang, draft.channel, draft.reporter,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )  # fmt: skip
    return reference
