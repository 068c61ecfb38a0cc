"""The retention job: old tracker events and old who-said-what rows go, the rest stays."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.analytics.events import record_answer
from bot.analytics.models import AnalyticsEvent
from bot.privacy.retention import purge_expired, retention_loop
from bot.review_queue.service import record_question
from bot.settings import Settings
from bot.store.engine import SessionFactory
from bot.store.models import ReviewQuestion
from tests.privacy.tracker_db import add_event, count, create_tracker_store, senders

NOW = datetime.now(UTC)


def _question(session: Session, text: str, age_days: int) -> None:
    question = record_question(
        session, text=text, language="en", channel="web", pseudonym="p", kind="abstained"
    )
    question.created_at = NOW - timedelta(days=age_days)
    session.commit()


def test_old_tracker_events_and_rows_are_deleted(settings: Settings, session: Session) -> None:
    url = settings.tracker_store_url
    create_tracker_store(url)
    add_event(url, "old-sender", NOW - timedelta(days=31), intent="ask")
    add_event(url, "recent-sender", NOW - timedelta(days=29), action="action_answer")
    add_event(url, "new-sender", NOW)
    _question(session, "old question", 45)
    _question(session, "new question", 1)
    record_answer(session, "apostasy", "en", "web", day=(NOW - timedelta(days=400)).date())

    deleted = purge_expired(settings, session, NOW)

    assert deleted["tracker_events"] == 1 and deleted["review_questions"] == 1
    assert senders(url) == ["recent-sender", "new-sender"]
    assert list(session.scalars(select(ReviewQuestion.text))) == ["new question"]
    assert session.scalar(select(AnalyticsEvent.entry_id)) == "apostasy"  # anonymous: kept


def test_a_tracker_store_rasa_has_not_created_yet_is_fine(
    settings: Settings, session: Session
) -> None:
    assert purge_expired(settings, session, NOW)["tracker_events"] == 0


def test_naive_times_and_zero_retention_are_refused(settings: Settings, session: Session) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        purge_expired(settings, session, datetime.now())
    settings.retention_days = 0
    with pytest.raises(ValueError, match="retention_days"):
        purge_expired(settings, session, NOW)


async def test_the_loop_purges_then_waits(
    settings: Settings, session_factory: SessionFactory
) -> None:
    url = settings.tracker_store_url
    create_tracker_store(url)
    add_event(url, "old-sender", NOW - timedelta(days=90))
    task = asyncio.create_task(retention_loop(settings, session_factory, interval_s=3600))
    for _ in range(100):
        if count(url) == 0:
            break
        await asyncio.sleep(0.05)
    task.cancel()
    assert count(url) == 0
