"""Centroid units: one mean vector per item and text group (for entries, per language).

The normalised mean of an entry's phrasings in one language sits near the topic
they share rather than near any one wording, so a question phrased unlike every
single phrasing (or asked in the other language) still lands close to it. A
centroid is searched as one more dense row of its item; its matched text is the
group's first phrasing, so a hit always shows a real text.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# A group of one phrasing would only duplicate that phrasing's row.
MIN_GROUP_SIZE = 2


def group_centroids(
    vectors: np.ndarray, row_units: Sequence[int], row_groups: Sequence[tuple[str, str]]
) -> tuple[np.ndarray, list[int]]:
    """Unit-length mean vector of each (item, group) with enough rows, and its first unit.

    ``vectors[i]`` belongs to unit ``row_units[i]`` in group ``row_groups[i]``;
    groups with an empty label get no centroid.
    """
    members: dict[tuple[str, str], list[int]] = {}
    for row, group in enumerate(row_groups):
        if group[1]:
            members.setdefault(group, []).append(row)
    kept = [rows for rows in members.values() if len(rows) >= MIN_GROUP_SIZE]
    if not kept:
        return np.zeros((0, vectors.shape[1]), dtype=np.float32), []
    means = np.vstack([vectors[rows].mean(axis=0) for rows in kept]).astype(np.float32)
    norms = np.linalg.norm(means, axis=1, keepdims=True)
    means /= np.where(norms > 0, norms, 1.0)
    return means, [int(row_units[rows[0]]) for rows in kept]
