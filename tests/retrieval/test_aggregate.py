"""top_k_mean and blend_centroids: an item's score from its unit and centroid scores."""

from __future__ import annotations

import numpy as np
import pytest

from bot.retrieval.aggregate import blend_centroids, top_k_mean

ITEMS = np.array([0, 1, 0, 0, 2])
SCORES = np.array([0.1, 0.5, 0.9, 0.3, 0.2], dtype=np.float32)


def test_k_one_is_the_best_unit() -> None:
    scores, best = top_k_mean(ITEMS, SCORES, 4, 1)
    assert scores[:3].tolist() == pytest.approx([0.9, 0.5, 0.2])
    assert best.tolist() == [2, 1, 4, -1]
    assert scores[3] == -np.inf


def test_k_averages_the_best_units_only() -> None:
    scores, best = top_k_mean(ITEMS, SCORES, 4, 2)
    assert scores[0] == pytest.approx((0.9 + 0.3) / 2)  # 0.1 is the third best: left out
    assert scores[1] == pytest.approx(0.5)  # fewer units than k: their mean
    assert best[0] == 2


def test_rejects_k_below_one() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        top_k_mean(ITEMS, SCORES, 4, 0)


def test_no_units_means_no_scores() -> None:
    scores, best = top_k_mean(np.array([], dtype=np.int64), np.array([], np.float32), 2, 3)
    assert np.isneginf(scores).all() and (best == -1).all()


def test_blend_centroids_mixes_in_the_best_centroid() -> None:
    scores = np.array([0.5, 0.4, -np.inf], dtype=np.float32)
    blended = blend_centroids(scores, np.array([0, 0, 2]), np.array([0.9, 0.7, 0.8]), 0.25)
    assert blended[0] == pytest.approx(0.75 * 0.5 + 0.25 * 0.9)
    assert blended[1] == pytest.approx(0.4)  # no centroid: unchanged
    assert blended[2] == -np.inf  # not a candidate: stays out
    assert blend_centroids(scores, np.array([0]), np.array([0.9]), 0.0) is scores
