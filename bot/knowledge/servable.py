"""The ids of the entries this profile may serve, re-read when an entry file changes.

Long-running jobs outside the action server (the scholar-answer notices) need to know
whether an entry may be shown yet: approved ones, plus drafts in the demo profile.
"""

from __future__ import annotations

import logging
from pathlib import Path

from bot.knowledge.errors import KnowledgeError
from bot.knowledge.loader import load_knowledge
from bot.settings import Settings

logger = logging.getLogger(__name__)


class ServableEntries:
    """Servable entry ids; the last good set while the knowledge has errors."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._stamp: tuple[float, int] | None = None
        self._ids: frozenset[str] = frozenset()

    def current(self) -> frozenset[str]:
        """Re-read only when a file under the knowledge directory changed (blocking)."""
        stamp = _stamp(self.settings.knowledge_dir)
        if stamp != self._stamp:
            try:
                knowledge = load_knowledge(self.settings.knowledge_dir)
            except KnowledgeError:
                logger.exception("knowledge has errors; keeping the previous servable entries")
                return self._ids
            servable = knowledge.servable(self.settings.serves_drafts)
            self._ids = frozenset(entry.id for entry in servable)
            self._stamp = stamp
        return self._ids


def _stamp(directory: Path) -> tuple[float, int]:
    mtimes = [path.stat().st_mtime for path in directory.rglob("*.yaml")]
    return (max(mtimes, default=0.0), len(mtimes))
