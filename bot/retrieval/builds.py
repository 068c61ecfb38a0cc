"""Building the knowledge index when it is stale (``hiwar kb build``).

Stale means: no ``current`` index, or one built by another encoder, or from other
knowledge (its content hash differs). The new index is published atomically; a
running action server picks it up through ``KnowledgeSearcher.reload_if_changed``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.model import KnowledgeBase
from bot.retrieval.encoders import Encoder
from bot.retrieval.index import IndexMismatchError, SearchIndex
from bot.retrieval.knowledge_search import SearchAids, index_content_hash, knowledge_index
from bot.retrieval.storage import CURRENT, publish


@dataclass(frozen=True)
class BuildResult:
    """What ``build_if_stale`` did."""

    path: Path
    built: bool
    seconds: float
    n_units: int
    reason: str


def build_if_stale(
    kb: KnowledgeBase, encoder: Encoder, root: Path, include_drafts: bool, force: bool = False
) -> BuildResult:
    """Build and publish the knowledge index unless the current one already fits."""
    started = time.perf_counter()
    expected = index_content_hash(kb, include_drafts)
    reason = "--force"
    if not force:
        try:
            index = SearchIndex.load(root / CURRENT, encoder, expected)
            seconds = time.perf_counter() - started
            return BuildResult(
                (root / CURRENT).resolve(), False, seconds, len(index.units), "up to date"
            )
        except IndexMismatchError as why:
            reason = str(why)
    entries = kb.servable(include_drafts)
    index = knowledge_index(entries, encoder, SearchAids.of(kb), content_hash=expected)
    path = publish(index, root)
    return BuildResult(path, True, time.perf_counter() - started, len(index.units), reason)
