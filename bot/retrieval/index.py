"""SearchIndex: hybrid dense + BM25 search over items that each own several texts.

An item (see ``items``) contributes one searchable unit per text; a query is scored
against units and results are grouped per item, keeping the best unit as the
"matched text"; groups of synonyms widen a query's BM25 words (see ``expansion``).
Each group of an item's texts (for entries, a language) also gets a centroid row
(see ``centroids``). Dense search is
a flat FAISS inner-product index over unit vectors: exact, and faster than
IVF/HNSW at our size (see ``hiwar bench retrieval`` for the measured crossover).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from bot.retrieval.aggregate import blend_centroids, top_k_mean
from bot.retrieval.centroids import group_centroids
from bot.retrieval.encoders import Encoder, single_thread
from bot.retrieval.expansion import QueryExpansion
from bot.retrieval.fusion import FusionParams, fuse
from bot.retrieval.items import Hit, Item, Unit, collect_units
from bot.retrieval.lexical import LexicalIndex
from bot.retrieval.normalize import tokenize

# Candidates fetched from each retriever before fusion; exact for small indexes.
CANDIDATE_POOL = 256
ENCODE_BATCH = 512


class IndexMismatchError(Exception):
    """A saved index does not fit the encoder or the content it is asked to serve."""


class SearchIndex:
    """Dense (FAISS) + lexical (BM25) index over the units of a set of items.

    Each retriever scores units; an item takes its best unit's BM25 score and the
    mean of its ``fusion.unit_top_k`` best dense scores, blended with its best
    centroid's by ``fusion.centroid_weight``, and the two are fused. Dense rows are
    the dense units in order, then one row per centroid; ``centroid_units`` names
    the unit each centroid stands for.
    """

    def __init__(
        self,
        encoder: Encoder,
        units: list[Unit],
        metadata: dict[str, dict[str, Any]],
        dense: faiss.Index,
        lexical: LexicalIndex,
        config: dict[str, Any],
        centroid_units: Sequence[int] = (),
        expansion: QueryExpansion | None = None,
    ) -> None:
        self.encoder, self.units, self.metadata = encoder, units, metadata
        self.expansion = expansion or QueryExpansion()
        self._dense, self._lexical, self.config = dense, lexical, config
        self.fusion = FusionParams.from_dict(config["fusion"])
        self.item_ids = list(metadata)
        self.centroid_units = list(centroid_units)
        position = {item_id: i for i, item_id in enumerate(self.item_ids)}
        self._unit_item = np.array([position[u.item_id] for u in units], dtype=np.int64)
        dense_units = [i for i, u in enumerate(units) if u.dense] + self.centroid_units
        self._dense_units = np.array(dense_units, dtype=np.int64)
        self._first_centroid_row = len(dense_units) - len(self.centroid_units)
        self._dense_row_item = self._unit_item[self._dense_units]
        self._item_rows = np.argsort(self._dense_row_item, kind="stable")
        self._item_row_starts = np.searchsorted(
            self._dense_row_item[self._item_rows], np.arange(len(self.item_ids) + 1)
        )

    @classmethod
    def build(
        cls,
        items: Iterable[Item],
        encoder: Encoder,
        content_hash: str = "",
        fusion: FusionParams | None = None,
        synonyms: Sequence[Sequence[str]] = (),
    ) -> SearchIndex:
        """Encode every dense unit of every item, add group centroids, index all units with BM25.

        ``synonyms``: groups of terms that expand a query's BM25 words (any language).
        """
        started = time.perf_counter()
        metadata, units, groups = collect_units(items)
        dense_units = [i for i, unit in enumerate(units) if unit.dense]
        if not dense_units:
            raise ValueError("cannot build a search index without any text to encode")
        texts = [units[i].text for i in dense_units]
        vectors = np.vstack(
            [
                encoder.encode_passages(texts[start : start + ENCODE_BATCH])
                for start in range(0, len(texts), ENCODE_BATCH)
            ]
        )
        centroids, centroid_units = group_centroids(vectors, dense_units, groups)
        dense = faiss.IndexFlatIP(vectors.shape[1])
        dense.add(vectors)
        dense.add(centroids)
        config = {
            "encoder": encoder.name,
            "dim": int(vectors.shape[1]),
            "content_hash": content_hash,
            "build_time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": round(time.perf_counter() - started, 3),
            "n_units": len(units),
            "n_dense_units": len(dense_units),
            "n_centroids": len(centroid_units),
            "n_items": len(metadata),
            "n_synonym_groups": len(synonyms),
            "fusion": (fusion or FusionParams()).to_dict(),
        }
        lexical = LexicalIndex.build([unit.text for unit in units])
        expansion = QueryExpansion(synonyms)
        return cls(encoder, units, metadata, dense, lexical, config, centroid_units, expansion)

    def search(
        self, query: str, k: int = 10, filters: Mapping[str, Any] | None = None
    ) -> list[Hit]:
        """The k best items for the query, best first, one hit per item."""
        with single_thread():  # FAISS's OpenMP threads slow a lone query 9x on 2 busy cores
            return self._search(query, k, filters)

    def _search(self, query: str, k: int, filters: Mapping[str, Any] | None) -> list[Hit]:
        query_vector = self.encoder.encode_queries([query])
        unit_lexical = self._lexical_scores(query)
        item_lexical = np.zeros(len(self.item_ids), dtype=np.float32)
        np.maximum.at(item_lexical, self._unit_item, unit_lexical)
        pool = len(self._dense_units) if filters else CANDIDATE_POOL
        item_dense, best_unit = self._dense_items(query_vector, item_lexical, pool)
        candidates = np.flatnonzero(np.isfinite(item_dense))
        if filters:
            candidates = np.array(
                [i for i in candidates if self._matches(self.item_ids[i], filters)], dtype=np.int64
            )
        if len(candidates) == 0:
            return []
        fused = fuse(item_dense[candidates], item_lexical[candidates], self.fusion)
        order = np.argsort(-fused, kind="stable")[:k]
        return [
            self._hit(int(candidates[i]), float(fused[i]), best_unit, item_lexical, item_dense)
            for i in order
        ]

    def _lexical_scores(self, query: str) -> np.ndarray:
        """BM25 per unit: the query's own words, plus its synonyms' at the expansion weight."""
        tokens = tokenize(query)
        scores = self._lexical.scores(tokens)
        extra = self.expansion.extra_tokens(tokens) if self.fusion.expansion_weight else []
        if extra:
            scores = scores + self.fusion.expansion_weight * self._lexical.scores(extra)
        return scores

    def _dense_items(
        self, query_vector: np.ndarray, item_lexical: np.ndarray, pool: int
    ) -> tuple[np.ndarray, dict[int, int]]:
        """Aggregated dense score and best unit per candidate item (-inf for non-candidates).

        Candidates are the items of the top ``pool`` dense units plus the top ``pool``
        items by BM25; every unit of a candidate is scored exactly. At our size
        that is every item.
        """
        n_rows = len(self._dense_units)
        scores, rows = self._dense.search(query_vector, min(pool, n_rows))
        found = rows[0][rows[0] >= 0]
        if n_rows <= pool:
            row_ids, row_scores = found, scores[0][: len(found)]
        else:
            wanted = np.unique(self._dense_row_item[found])
            lexical_top = np.argpartition(-item_lexical, min(pool, len(item_lexical) - 1))[:pool]
            wanted = np.union1d(wanted, lexical_top[item_lexical[lexical_top] > 0])
            row_ids = self._rows_of(wanted)
            vectors = self._dense.reconstruct_batch(row_ids)
            row_scores = vectors @ query_vector[0]
        row_scores = np.asarray(row_scores, dtype=np.float32)
        centroid = row_ids >= self._first_centroid_row
        row_ids, centroid_ids = row_ids[~centroid], row_ids[centroid]
        item_dense, best_row = top_k_mean(
            self._dense_row_item[row_ids],
            row_scores[~centroid],
            len(self.item_ids),
            self.fusion.unit_top_k,
        )
        item_dense = blend_centroids(
            item_dense,
            self._dense_row_item[centroid_ids],
            row_scores[centroid],
            self.fusion.centroid_weight,
        )
        scored = np.flatnonzero(best_row >= 0)
        best_unit = {int(i): int(self._dense_units[row_ids[best_row[i]]]) for i in scored}
        return item_dense, best_unit

    def _rows_of(self, items: np.ndarray) -> np.ndarray:
        """Every dense row belonging to the given items."""
        starts = self._item_row_starts[items]
        lengths = self._item_row_starts[items + 1] - starts
        shift = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        return self._item_rows[np.arange(int(lengths.sum())) + shift]

    def _hit(
        self,
        item: int,
        score: float,
        best_unit: dict[int, int],
        item_lexical: np.ndarray,
        item_dense: np.ndarray,
    ) -> Hit:
        unit = self.units[best_unit[item]]
        return Hit(
            unit.item_id, score, unit.text, float(item_dense[item]), float(item_lexical[item])
        )

    def _matches(self, item_id: str, filters: Mapping[str, Any]) -> bool:
        meta = self.metadata[item_id]
        for key, wanted in filters.items():
            allowed = wanted if isinstance(wanted, (set, frozenset, list, tuple)) else {wanted}
            if meta.get(key) not in allowed:
                return False
        return True

    def save(self, directory: Path) -> None:
        """Write vectors, units, BM25 state and config.json into ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self._dense, str(directory / "vectors.faiss"))
        units = [{"item": u.item_id, "text": u.text, "dense": u.dense} for u in self.units]
        payload = {
            "units": units,
            "metadata": self.metadata,
            "centroids": self.centroid_units,
            "synonyms": self.expansion.groups,
        }
        (directory / "units.json").write_text(json.dumps(payload, ensure_ascii=False), "utf-8")
        self._lexical.save(directory / "bm25")
        (directory / "config.json").write_text(json.dumps(self.config, indent=2), "utf-8")

    @classmethod
    def load(
        cls, directory: Path, encoder: Encoder, expected_content_hash: str | None = None
    ) -> SearchIndex:
        """Read an index written by ``save``; refuse one built by another encoder or content."""
        config_path = directory / "config.json"
        if not config_path.is_file():
            raise IndexMismatchError(f"{directory}: no index here (config.json missing)")
        config = json.loads(config_path.read_text("utf-8"))
        check_compatible(directory, config, encoder, expected_content_hash)
        payload = json.loads((directory / "units.json").read_text("utf-8"))
        units = [Unit(u["item"], u["text"], u["dense"]) for u in payload["units"]]
        dense = faiss.read_index(str(directory / "vectors.faiss"))
        lexical = LexicalIndex.load(directory / "bm25", len(units))
        centroids = payload.get("centroids", [])
        expansion = QueryExpansion(payload.get("synonyms", []))
        return cls(
            encoder, units, payload["metadata"], dense, lexical, config, centroids, expansion
        )


def check_compatible(
    directory: Path, config: Mapping[str, Any], encoder: Encoder, expected_hash: str | None
) -> None:
    """Raise IndexMismatchError naming what differs between the saved index and the request."""
    if config.get("encoder") != encoder.name:
        raise IndexMismatchError(
            f"{directory}: index was built with encoder {config.get('encoder')!r} but the "
            f"configured encoder is {encoder.name!r}; rebuild it with `hiwar kb build`"
        )
    if expected_hash is not None and config.get("content_hash") != expected_hash:
        raise IndexMismatchError(
            f"{directory}: index was built from content {str(config.get('content_hash'))[:12]!r} "
            f"but the knowledge is now {expected_hash[:12]!r}; rebuild it with `hiwar kb build`"
        )
