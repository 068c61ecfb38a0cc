"""Incitement reports from the chat: reading the reporter's answers, and filing the report.

Filing hands the draft to the operations component (bot.reports: validation,
merging repeats of a link, triage, spooling while the database is down).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.dialogue.services import Store
from bot.dialogue.vocabulary import canonical_platform, extract_url, find_country, find_platform

NONE = "none"  # slot value for "the reporter has no link" / "skipped the country"
MIN_QUOTE_CHARS = 40  # pasted post text is longer than a stray word or a platform name
MAX_FIELD_CHARS = 2000

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


def submit_report(store: Store, draft: ReportDraft) -> str:
    """File the report (or spool it while the database is down); returns its reference.

    Raises bot.reports.errors.InvalidReport or DatabaseUnavailable; the action says sorry.
    """
    from bot.reports.service import submit_report as file_report

    with store.sessions() as session:
        case = file_report(
            session, url=draft.url, text=draft.quote, platform=draft.platform,
            country=draft.country, description=draft.description[:MAX_FIELD_CHARS],
            language=draft.lang, reporter_pseudonym=draft.reporter, spool_dir=store.spool_dir,
        )  # fmt: skip
        return case.reference
