"""Confusable entries: phrasings that sit closer to another entry than to their own.

The encoder is passed in as a callable (texts -> vectors), so this module needs no
retrieval code and tests can use a tiny fake encoder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from bot.knowledge.errors import Problem
from bot.knowledge.model import LANGS, Entry, KnowledgeBase

Encode = Callable[[Sequence[str]], np.ndarray]


def find_confusable(knowledge: KnowledgeBase, encode: Encode) -> list[Problem]:
    """A warning for each entry whose phrasings are, on average, closer to another entry's."""
    entries = [entry for entry in knowledge.entries if phrasings(entry)]
    if len(entries) < 2:
        return []
    texts = [text for entry in entries for text in phrasings(entry)]
    owner = np.repeat(np.arange(len(entries)), [len(phrasings(entry)) for entry in entries])
    vectors = normalized(np.asarray(encode(texts), dtype=np.float32))
    similarity = vectors @ vectors.T
    problems = []
    for index, entry in enumerate(entries):
        own_rows = owner == index
        by_entry = mean_similarity_by_entry(similarity[own_rows], owner, len(entries), index)
        rival = int(np.argmax(np.where(np.arange(len(entries)) == index, -np.inf, by_entry)))
        if by_entry[rival] > by_entry[index]:
            problems.append(
                Problem(
                    entry.source_file,
                    entry.lines.get("questions", 0),
                    f'questions are closer to entry "{entries[rival].id}" '
                    f"({by_entry[rival]:.2f}) than to each other ({by_entry[index]:.2f}); "
                    "make the phrasings more distinct or merge the entries",
                    "warning",
                )
            )
    return problems


def phrasings(entry: Entry) -> list[str]:
    """Every question phrasing of the entry, both languages."""
    return [text for lang in LANGS for text in entry.questions.get(lang, ())]


def normalized(vectors: np.ndarray) -> np.ndarray:
    """Unit-length rows, so inner product is cosine similarity."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def mean_similarity_by_entry(
    rows: np.ndarray, owner: np.ndarray, entry_count: int, own_index: int
) -> np.ndarray:
    """Mean similarity of one entry's phrasings to each entry's, leaving out self-pairs."""
    sums = np.zeros(entry_count)
    np.add.at(sums, owner, rows.sum(axis=0))
    counts = np.bincount(owner, minlength=entry_count).astype(float) * rows.shape[0]
    own = rows.shape[0]
    sums[own_index] -= float(np.trace(rows[:, owner == own_index]))
    counts[own_index] = own * (own - 1)
    return sums / np.maximum(counts, 1.0)
