"""What a SearchIndex holds and returns: items to find, their units, and hits.

An item (a knowledge entry, a Qur'an passage, an out-of-scope topic, anything) owns
several texts; each becomes one searchable unit pointing back to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Item:
    """Something to find: an id, the texts that should find it, and filterable metadata.

    ``texts`` are searched both ways (dense and BM25); ``lexical_texts`` by BM25 only,
    for long texts such as answers, whose vectors cost most of the build time and
    measurably added nothing to recall (see README "Retrieval"). ``text_groups``, if
    given, labels each text (its language); each label gets one centroid row.
    """

    id: str
    texts: Sequence[str]
    metadata: Mapping[str, Any] = field(default_factory=dict)
    lexical_texts: Sequence[str] = ()
    text_groups: Sequence[str] = ()


@dataclass(frozen=True)
class Hit:
    """One item in a result list, with the unit that matched best and its component scores."""

    id: str
    score: float
    matched_text: str
    dense: float = 0.0
    lexical: float = 0.0


@dataclass(frozen=True)
class Unit:
    """One searchable text, the item it belongs to, and whether it has a vector."""

    item_id: str
    text: str
    dense: bool = True


def collect_units(
    items: Iterable[Item],
) -> tuple[dict[str, dict[str, Any]], list[Unit], list[tuple[str, str]]]:
    """Metadata per item, every non-blank unit, and the (item, group) of each dense unit."""
    metadata: dict[str, dict[str, Any]] = {}
    units: list[Unit] = []
    groups: list[tuple[str, str]] = []  # (item, group) of each dense unit
    for item in items:
        metadata[item.id] = dict(item.metadata)
        labels = list(item.text_groups) or [""] * len(item.texts)
        if len(labels) != len(item.texts):
            raise ValueError(
                f"item {item.id!r}: {len(labels)} text_groups for {len(item.texts)} texts"
            )
        for text, label in zip(item.texts, labels, strict=True):
            if text.strip():
                units.append(Unit(item.id, text))
                groups.append((item.id, label))
        units.extend(Unit(item.id, t, False) for t in item.lexical_texts if t.strip())
    return metadata, units, groups
