"""The gap report: the largest groups from the stored queue, and their text form."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.review_queue.gaps import GapReport, find_gaps, format_gaps
from bot.review_queue.grouping import QuestionGroup
from bot.review_queue.service import link_questions, record_question
from tests.review_queue.test_grouping import topic_encoder


def test_find_gaps_ignores_linked_questions_and_limits(session: Session) -> None:
    ids = [
        record_question(
            session, text=text, language="en", channel="web", pseudonym="p", kind="abstained"
        ).id
        for text in ("jihad?", "jihad!", "caliphate?", "parents?")
    ]
    link_questions(session, [ids[3]], "parents-permission")
    report = find_gaps(session, topic_encoder, limit=1)
    assert report.total_questions == 3
    assert [(g.count, g.examples) for g in report.groups] == [(2, ["jihad?", "jihad!"])]


def test_format_gaps() -> None:
    groups = [
        QuestionGroup(2, ["a", "b"], [1, 2], {"ar": 2}),
        QuestionGroup(1, ["c"], [3], {"en": 1}),
    ]
    text = format_gaps(GapReport(3, groups))
    assert "the 2 largest groups" in text and "1. asked 2 times (ar 2)" in text
    assert "2. asked once (en 1)" in text and "   - c" in text
    assert format_gaps(GapReport(0, [])) == "No unanswered questions in the queue."
