"""Everything ``hiwar kb validate`` reports: the loader's errors plus review warnings.

Warnings never fail validation: entries still in draft, approvals older than the
configured age, and (when an encoder is given) confusable entries.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.knowledge.confusable import Encode, find_confusable
from bot.knowledge.errors import Problem
from bot.knowledge.loader import ENTRIES_DIR, display_path, read_knowledge
from bot.knowledge.model import Entry, EntryStatus, KnowledgeBase
from bot.knowledge.scripture import ScriptureSource


def validate_knowledge(
    directory: Path,
    approval_max_age_days: int = 730,
    encode: Encode | None = None,
    quran: ScriptureSource | None = None,
    today: date | None = None,
    list_drafts: bool = False,
) -> list[Problem]:
    """Every problem in ``directory``: errors first by file and line, then warnings."""
    knowledge, problems = read_knowledge(directory, quran)
    problems += draft_warnings(
        knowledge, display_path(directory, directory / ENTRIES_DIR), list_drafts
    )
    problems += stale_approval_warnings(knowledge, approval_max_age_days, today or date.today())
    if encode is not None:
        problems += find_confusable(knowledge, encode)
    return sorted(problems, key=lambda p: (not p.is_error, p.file, p.line, p.message))


def draft_warnings(knowledge: KnowledgeBase, entries_dir: str, each: bool) -> list[Problem]:
    """One summary warning for drafts, or one per draft entry when ``each``."""
    drafts = [entry for entry in knowledge.entries if entry.is_draft]
    if each:
        message = "draft: not served in production until a scholar approves it"
        return [
            Problem(entry.source_file, entry.lines.get("status", 0), message, "warning")
            for entry in drafts
        ]
    if not drafts:
        return []
    noun = "entry is a draft" if len(drafts) == 1 else "entries are drafts"
    message = f"{len(drafts)} {noun}, not served in production until a scholar approves them"
    return [Problem(entries_dir, 0, message, "warning")]


def stale_approval_warnings(
    knowledge: KnowledgeBase, max_age_days: int, today: date
) -> list[Problem]:
    """Approved entries changed since their approval, or approved too long ago."""
    return [
        problem
        for entry in knowledge.entries
        if entry.status is EntryStatus.APPROVED and entry.reviewers
        for problem in approval_warnings(entry, max_age_days, today)
    ]


def approval_warnings(entry: Entry, max_age_days: int, today: date) -> list[Problem]:
    """Compare the newest approval with the entry's `updated` date and with today."""
    newest = max(entry.reviewers, key=lambda reviewer: reviewer.date)
    problems = []
    if entry.updated > newest.date:
        message = (
            f"updated {entry.updated.isoformat()} is after the newest approval "
            f"({newest.date.isoformat()}): a scholar should approve the changed text"
        )
        problems.append(
            Problem(entry.source_file, entry.lines.get("updated", 0), message, "warning")
        )
    age = (today - newest.date).days
    if age > max_age_days:
        message = (
            f"newest approval ({newest.name}, {newest.date.isoformat()}) is {age:,} days old; "
            f"the limit is {max_age_days:,}: ask a scholar to review it again"
        )
        problems.append(
            Problem(entry.source_file, entry.lines.get("reviewers", 0), message, "warning")
        )
    return problems
