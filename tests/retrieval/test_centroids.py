"""group_centroids: one unit-length mean vector per item and text group."""

from __future__ import annotations

import numpy as np
import pytest

from bot.retrieval.centroids import group_centroids

VECTORS = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [0, 1, 1]], dtype=np.float32)


def test_each_group_of_two_or_more_gets_a_normalised_mean() -> None:
    groups = [("a", "en"), ("a", "en"), ("a", "ar"), ("b", "en"), ("b", "en")]
    means, units = group_centroids(VECTORS, [10, 11, 12, 13, 14], groups)
    assert units == [10, 13]  # the group's first unit; ("a", "ar") has one text only
    assert means[0] == pytest.approx(np.array([1, 1, 0]) / np.sqrt(2))
    assert np.linalg.norm(means, axis=1) == pytest.approx([1.0, 1.0])


def test_unlabelled_texts_get_no_centroid() -> None:
    means, units = group_centroids(VECTORS[:2], [0, 1], [("a", ""), ("a", "")])
    assert means.shape == (0, 3) and units == []
