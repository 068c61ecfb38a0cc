"""Running the outreach scheduler inside a long-lived process (the gateway under ``hiwar run``).

A daemon thread with its own event loop, so a broadcast never competes with the
gateway's request handling; stopped by setting the returned event. Counter-messages
are re-read when their file changes, and only those whose entry this profile serves
are sent (production links only to approved entries).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from bot.knowledge.errors import KnowledgeError
from bot.knowledge.loader import COUNTER_MESSAGES_FILE, load_knowledge
from bot.knowledge.model import CounterMessage
from bot.outreach.addresses import AddressCipher
from bot.outreach.scheduler import TICK_S, scheduler_loop
from bot.outreach.sender import TelegramSender
from bot.settings import Settings
from bot.store.engine import SessionFactory

logger = logging.getLogger(__name__)


class CounterMessageSource:
    """The servable counter-messages, reloaded when counter_messages.yaml changes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._path: Path = settings.knowledge_dir / COUNTER_MESSAGES_FILE
        self._mtime: float | None = None
        self._messages: list[CounterMessage] = []

    def current(self) -> Sequence[CounterMessage]:
        """The messages in file order; the last good set if the knowledge has errors."""
        mtime = self._path.stat().st_mtime if self._path.exists() else None
        if mtime != self._mtime:
            try:
                knowledge = load_knowledge(self.settings.knowledge_dir)
            except KnowledgeError:
                logger.exception("knowledge has errors; keeping the previous counter-messages")
                return self._messages
            servable = {entry.id for entry in knowledge.servable(self.settings.serves_drafts)}
            self._messages = [m for m in knowledge.counter_messages if m.entry in servable]
            self._mtime = mtime
        return self._messages


async def _run(
    settings: Settings, sessions: SessionFactory, stop: threading.Event, tick_s: float
) -> None:
    source = CounterMessageSource(settings)
    async with TelegramSender.from_settings(settings) as sender:
        await scheduler_loop(
            sessions, sender, load_messages=source.current,
            cipher=AddressCipher(settings.secret_key), stop=stop, tick_s=tick_s,
        )  # fmt: skip


def start_scheduler(
    settings: Settings, sessions: SessionFactory, tick_s: float = TICK_S
) -> tuple[threading.Thread, threading.Event] | None:
    """Start the scheduler thread; None (and a log line) when no Telegram token is set."""
    token = settings.telegram.token
    if token is None or not token.get_secret_value().strip():
        logger.info("outreach scheduler not started: no Telegram token")
        return None
    stop = threading.Event()
    thread = threading.Thread(
        target=lambda: asyncio.run(_run(settings, sessions, stop, tick_s)),
        name="hiwar-outreach",
        daemon=True,
    )
    thread.start()
    return thread, stop
