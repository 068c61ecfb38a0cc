"""The knowledge, searcher, Qur'an source and database the actions share, once per process.

Built lazily on the first request (never at import), from ``get_settings()``. Each
request calls ``refresh()``: the searcher swaps in a rebuilt index and the knowledge
is re-read when its files change, so a new entry is served without a restart while
requests already running keep the objects they took. The database (``Store``) is kept
apart from the knowledge so a crisis or a report is recorded even when the index is
broken; ``hiwar run`` migrates it before the action server starts.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from bot.knowledge.model import KnowledgeBase
from bot.knowledge.scripture import ScriptureSource
from bot.settings import Settings, get_settings

if TYPE_CHECKING:
    from bot.analytics.recorder import AnalyticsRecorder
    from bot.retrieval.knowledge_search import Decision
    from bot.store.engine import SessionFactory

logger = logging.getLogger(__name__)


class Searcher(Protocol):
    """What the dialogue needs from bot.retrieval.KnowledgeSearcher."""

    def decide(self, text: str, strict: bool = False) -> Decision: ...

    def reload_if_changed(self) -> bool: ...


@dataclass
class Services:
    """One process's view of the knowledge; attributes are replaced, never mutated."""

    settings: Settings
    knowledge: KnowledgeBase
    searcher: Searcher
    quran: ScriptureSource
    knowledge_stamp: tuple[int, float] = (0, 0.0)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def refresh(self) -> None:
        """Pick up a rebuilt index and changed knowledge files; keep serving on failure."""
        try:
            self.searcher.reload_if_changed()
            stamp = knowledge_stamp(self.settings.knowledge_dir)
            if stamp != self.knowledge_stamp and self._lock.acquire(blocking=False):
                try:
                    self.knowledge = _load_knowledge(self.settings, self.quran)
                    self.knowledge_stamp = stamp
                finally:
                    self._lock.release()
        except Exception:  # a broken edit must not take the bot down: keep the last good state
            logger.exception("knowledge refresh failed; still serving the previous version")


def knowledge_stamp(directory: Path) -> tuple[int, float]:
    """(file count, newest modification time) of the knowledge files: cheap change check."""
    files = [p for p in directory.rglob("*.yaml") if p.is_file()]
    return len(files), max((p.stat().st_mtime for p in files), default=0.0)


def _load_knowledge(settings: Settings, quran: ScriptureSource) -> KnowledgeBase:
    from bot.knowledge.loader import load_knowledge

    return load_knowledge(settings.knowledge_dir, quran)


def build_services(settings: Settings) -> Services:
    """Load the knowledge and the retrieval index (building it if it is stale)."""
    from bot.knowledge.scripture import QuranSource
    from bot.retrieval.knowledge_search import KnowledgeSearcher

    quran = QuranSource()
    stamp = knowledge_stamp(settings.knowledge_dir)
    knowledge = _load_knowledge(settings, quran)
    searcher = KnowledgeSearcher.from_settings(settings, knowledge)
    return Services(settings, knowledge, searcher, quran, stamp)


_services: Services | None = None
_build_lock = threading.Lock()


def get_services() -> Services:
    """The process-wide services, built on first use and refreshed on every call."""
    global _services
    with _build_lock:
        if _services is None:
            _services = build_services(get_settings())
            return _services
    _services.refresh()
    return _services


def set_services(services: Services | None) -> None:
    """Install prepared services (tests) or forget them (next call rebuilds)."""
    global _services
    _services = services


@dataclass(frozen=True)
class Store:
    """Where the conversation's records go: sessions on our database, and analytics."""

    sessions: SessionFactory
    analytics: AnalyticsRecorder
    spool_dir: Path


def build_store(settings: Settings) -> Store:
    """Sessions on the configured database (nothing connects until the first statement)."""
    from bot.analytics.recorder import AnalyticsRecorder
    from bot.reports.spool import spool_directory
    from bot.store.engine import build_session_factory

    sessions = build_session_factory(settings)
    return Store(sessions, AnalyticsRecorder(sessions), spool_directory(settings))


_store: tuple[str, Store] | None = None


def get_store() -> Store:
    """The process-wide store, rebuilt only if the configured database URL changed."""
    global _store
    settings = get_settings()
    with _build_lock:
        if _store is None or _store[0] != settings.sqlalchemy_url:
            _store = (settings.sqlalchemy_url, build_store(settings))
        return _store[1]
