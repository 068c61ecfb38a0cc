"""What to write next: the largest groups of unanswered questions, as data or as text."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.review_queue.grouping import DEFAULT_THRESHOLD, Encode, QuestionGroup, group_questions
from bot.review_queue.service import unlinked_questions


@dataclass(frozen=True)
class GapReport:
    """How many questions wait in the queue and the largest groups among them."""

    total_questions: int
    groups: list[QuestionGroup]


def find_gaps(
    session: Session,
    encode: Encode,
    *,
    limit: int = 20,
    examples: int = 3,
    threshold: float = DEFAULT_THRESHOLD,
) -> GapReport:
    """Group the unlinked questions and keep the ``limit`` largest groups."""
    questions = unlinked_questions(session)
    groups = group_questions(questions, encode, threshold=threshold, examples=examples)
    return GapReport(len(questions), groups[:limit])


def format_gaps(report: GapReport) -> str:
    """A plain-text ranking for the terminal."""
    if not report.groups:
        return "No unanswered questions in the queue."
    count = len(report.groups)
    shown = "the largest group" if count == 1 else f"the {count} largest groups"
    lines = [f"{report.total_questions} unanswered questions; {shown}:"]
    for rank, group in enumerate(report.groups, start=1):
        languages = ", ".join(f"{lang} {count}" for lang, count in group.languages.items())
        times = "once" if group.count == 1 else f"{group.count} times"
        lines.append(f"\n{rank}. asked {times} ({languages})")
        lines.extend(f"   - {example}" for example in group.examples)
    return "\n".join(lines)
