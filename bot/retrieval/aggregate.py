"""How the scores of an item's units become one item score.

An entry is found by any of its phrasings, but one lucky phrasing is weak evidence:
averaging an item's few best unit scores rewards entries that several phrasings
agree on, which on the development set separated neighbouring entries (and
languages) better than the single best unit (see README "Retrieval"). Blending in
the best centroid (mean of a language's phrasings) raised cross-lingual recall@1.
"""

from __future__ import annotations

import numpy as np


def top_k_mean(
    unit_items: np.ndarray, unit_scores: np.ndarray, n_items: int, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per item, the mean of its ``k`` best unit scores and the position of its best unit.

    Items with fewer than ``k`` scored units average the ones they have; items with
    none get -inf and best position -1. ``k=1`` is the plain maximum.
    """
    if k < 1:
        raise ValueError(f"unit_top_k must be at least 1, not {k}")
    item_scores = np.full(n_items, -np.inf, dtype=np.float32)
    best = np.full(n_items, -1, dtype=np.int64)
    if len(unit_scores) == 0:
        return item_scores, best
    order = np.lexsort((-unit_scores, unit_items))  # by item, best score first
    items, scores = unit_items[order], unit_scores[order]
    starts = np.flatnonzero(np.r_[True, items[1:] != items[:-1]])
    rank = np.arange(len(items)) - np.repeat(starts, np.diff(np.r_[starts, len(items)]))
    kept = rank < k
    sums = np.zeros(n_items, dtype=np.float64)
    counts = np.zeros(n_items, dtype=np.int64)
    np.add.at(sums, items[kept], scores[kept])
    np.add.at(counts, items[kept], 1)
    present = counts > 0
    item_scores[present] = (sums[present] / counts[present]).astype(np.float32)
    best[items[starts]] = order[starts]
    return item_scores, best


def blend_centroids(
    item_scores: np.ndarray, centroid_items: np.ndarray, centroid_scores: np.ndarray, weight: float
) -> np.ndarray:
    """``(1-weight)·item score + weight·best centroid score`` per item.

    An item without a centroid keeps its score; one not scored (-inf) stays -inf.
    """
    if weight == 0.0 or len(centroid_scores) == 0:
        return item_scores
    best = np.full(len(item_scores), -np.inf, dtype=np.float32)
    np.maximum.at(best, centroid_items, centroid_scores)
    best = np.where(np.isfinite(best), best, item_scores)
    return ((1.0 - weight) * item_scores + weight * best).astype(np.float32)
