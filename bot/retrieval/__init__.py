"""Retrieval: find the knowledge entry that answers a message, or know that none does.

Owns text normalisation, language detection, encoders, the hybrid FAISS + BM25
SearchIndex, the answer/clarify/abstain decision with its calibration, and the
evaluation harnesses. Reads ``bot.knowledge`` models and ``bot.settings``; never
renders answers, talks to channels or touches the database.

The public names below are imported lazily, so ``import bot.retrieval.language``
does not pull in FAISS or the encoders.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "SearchIndex": "bot.retrieval.index",
    "Item": "bot.retrieval.items",
    "Hit": "bot.retrieval.items",
    "IndexMismatchError": "bot.retrieval.index",
    "KnowledgeSearcher": "bot.retrieval.knowledge_search",
    "Decision": "bot.retrieval.knowledge_search",
    "Candidate": "bot.retrieval.knowledge_search",
    "detect_language": "bot.retrieval.language",
    "answer_language": "bot.retrieval.language",
    "normalize_arabic": "bot.retrieval.normalize",
    "build_encoder": "bot.retrieval.encoders",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'bot.retrieval' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
