"""BM25 over normalised tokens (bm25s), the exact-word half of hybrid search.

Dense encoders blur rare names ("Dabiq", "الرقة", "hudud"); BM25 keeps them sharp.
Texts are tokenised by ``normalize.tokenize`` so Arabic spelling variants and
English inflections meet on the same token.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from bot.retrieval.normalize import tokenize

# bm25s logs every empty query at INFO; an unknown-word query is normal for us.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class LexicalIndex:
    """BM25 scores of one query against every indexed unit."""

    def __init__(self, model: bm25s.BM25, n_units: int) -> None:
        self._model = model
        self.n_units = n_units

    @classmethod
    def build(cls, texts: Sequence[str], k1: float = 1.2, b: float = 0.75) -> LexicalIndex:
        """Index the texts (one BM25 document per text)."""
        model = bm25s.BM25(k1=k1, b=b)
        corpus = [tokenize(text) or [""] for text in texts]
        model.index(corpus, show_progress=False)
        return cls(model, len(texts))

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every unit for a query's tokens (``normalize.tokenize``); zeros
        when no word is known."""
        ids = self._model.get_tokens_ids(list(tokens))
        if not ids:
            return np.zeros(self.n_units, dtype=np.float32)
        return np.asarray(self._model.get_scores_from_ids(ids), dtype=np.float32)

    def save(self, directory: Path) -> None:
        """Write the BM25 state into ``directory``."""
        self._model.save(str(directory))

    @classmethod
    def load(cls, directory: Path, n_units: int) -> LexicalIndex:
        """Read BM25 state written by ``save``."""
        return cls(bm25s.BM25.load(str(directory)), n_units)
