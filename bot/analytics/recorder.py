"""A fire-and-forget front for the dialogue: record an event without holding a session.

The action server calls ``recorder.answer(...)`` after sending a reply; a database
that is down or slow costs a log line, never the user's answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bot.analytics.events import record_abstention, record_answer, record_feedback
from bot.store.engine import SessionFactory

logger = logging.getLogger(__name__)


class AnalyticsRecorder:
    """Records analytics events in their own short sessions, swallowing database errors."""

    def __init__(self, sessions: SessionFactory) -> None:
        self.sessions = sessions

    def _safely(self, record: Callable[..., Any], *args: Any) -> bool:
        try:
            with self.sessions() as session:
                record(session, *args)
            return True
        except SQLAlchemyError:
            logger.warning("analytics event not recorded (database unavailable)", exc_info=True)
            return False

    def answer(self, entry_id: str, lang: str | None, channel: str | None) -> bool:
        """Count one answer; False when it could not be stored."""
        return self._safely(record_answer, entry_id, lang, channel)

    def abstention(self, lang: str | None, channel: str | None) -> bool:
        """Count one abstention; False when it could not be stored."""
        return self._safely(record_abstention, lang, channel)

    def feedback(self, entry_id: str, helpful: bool, lang: str | None, channel: str | None) -> bool:
        """Count one helpful / not helpful vote; False when it could not be stored."""
        return self._safely(record_feedback, entry_id, helpful, lang, channel)
