"""Summaries over a period: per day, languages, channels, top entries, feedback."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from bot.analytics.events import record_abstention, record_answer, record_feedback
from bot.analytics.summary import DayCount, EntryFeedback, summary

TODAY = date(2026, 12, 6)


def _seed(session: Session) -> None:
    yesterday = TODAY - timedelta(days=1)
    for entry, lang, channel, day in [
        ("takfir", "ar", "telegram", TODAY), ("takfir", "ar", "web", TODAY),
        ("apostasy", "en", "web", yesterday), ("takfir", "en", "web", yesterday),
        ("takfir", "ar", "web", TODAY - timedelta(days=10)),  # outside a 7-day period
    ]:  # fmt: skip
        record_answer(session, entry, lang, channel, day=day)
    record_abstention(session, "ar", "telegram", day=TODAY)
    record_abstention(session, None, "web", day=yesterday)
    record_feedback(session, "takfir", True, "ar", "web", day=TODAY)
    record_feedback(session, "takfir", False, "ar", "web", day=TODAY)
    record_feedback(session, "takfir", True, "en", "web", day=TODAY)
    record_feedback(session, "apostasy", False, "en", "web", day=yesterday)


def test_a_week_of_numbers(session: Session) -> None:
    _seed(session)
    numbers = summary(session, 7, today=TODAY)
    assert numbers.first_day == TODAY - timedelta(days=6) and len(numbers.per_day) == 7
    assert numbers.per_day[-2:] == [
        DayCount(TODAY - timedelta(days=1), answers=2, abstentions=1),
        DayCount(TODAY, answers=2, abstentions=1),
    ]
    assert numbers.answers == 4 and numbers.abstentions == 2
    assert numbers.abstention_rate == pytest.approx(2 / 6)
    assert numbers.languages == {"ar": 3, "en": 2, "unknown": 1}  # feedback is not a question
    assert numbers.channels == {"web": 4, "telegram": 2}
    assert numbers.top_entries == [("takfir", 3), ("apostasy", 1)]
    assert numbers.feedback == [EntryFeedback("takfir", 2, 1), EntryFeedback("apostasy", 0, 1)]
    assert numbers.feedback[0].helpful_share == pytest.approx(2 / 3)


def test_an_empty_period(session: Session) -> None:
    numbers = summary(session, 1, today=TODAY)
    assert numbers.per_day == [DayCount(TODAY)] and numbers.abstention_rate == 0.0
    assert numbers.top_entries == [] and numbers.feedback == []
    with pytest.raises(ValueError):
        summary(session, 0)
