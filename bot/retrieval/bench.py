"""Retrieval speed (``hiwar bench retrieval``): query latency, build time, flat vs HNSW.

A benchmark, not a timed test: figures depend on the machine and on what else runs.
The synthetic knowledge base repeats the shipped entries' wording with shuffled words
and a unique marker, at the format's minimum of three phrasings per language, with
answers indexed lexically like the real ones.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import faiss
import numpy as np

from bot.knowledge.model import Entry
from bot.retrieval.encoders import Encoder, single_thread
from bot.retrieval.index import SearchIndex
from bot.retrieval.knowledge_search import NO_AIDS, SearchAids, knowledge_index

PHRASINGS_PER_LANG = 3


def percentiles(samples_ms: Sequence[float]) -> dict[str, float]:
    """p50 and p95 of latency samples, in milliseconds."""
    return {
        "p50_ms": round(float(np.percentile(samples_ms, 50)), 2),
        "p95_ms": round(float(np.percentile(samples_ms, 95)), 2),
    }


def query_latency(
    search: Callable[[str], Any], queries: Sequence[str], warmup: int = 10
) -> dict[str, float]:
    """Warm single-query latency of ``search`` over the queries."""
    for query in queries[:warmup]:
        search(query)
    samples = []
    for query in queries:
        started = time.perf_counter()
        search(query)
        samples.append((time.perf_counter() - started) * 1000)
    return {**percentiles(samples), "n_queries": len(samples)}


def timed_build(
    entries: Sequence[Entry], encoder: Encoder, aids: SearchAids = NO_AIDS
) -> tuple[SearchIndex, float]:
    """The knowledge index of the entries and the seconds it took to build."""
    started = time.perf_counter()
    index = knowledge_index(entries, encoder, aids)
    return index, time.perf_counter() - started


def synthetic_entries(base: Sequence[Entry], count: int, seed: int = 7) -> list[Entry]:
    """``count`` entries shaped like the shipped ones, each with distinct wording."""
    rng = random.Random(seed)
    entries = []
    for number in range(count):
        model = base[number % len(base)]
        questions = {
            lang: tuple(
                _shuffled(rng, text) + f" {number}"
                for text in (list(model.questions[lang]) * PHRASINGS_PER_LANG)[:PHRASINGS_PER_LANG]
            )
            for lang in model.questions
        }
        entries.append(replace(model, id=f"synthetic-{number}", questions=questions))
    return entries


def _shuffled(rng: random.Random, text: str) -> str:
    words = text.split()
    rng.shuffle(words)
    return " ".join(words)


def flat_vs_hnsw(
    dim: int, sizes: Sequence[int], n_queries: int = 200, seed: int = 3
) -> list[dict[str, Any]]:
    """Per-query latency of exact flat search vs HNSW, and HNSW's recall@10 against flat."""
    rng = np.random.default_rng(seed)
    rows = []
    for size in sizes:
        vectors = rng.standard_normal((size, dim), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        queries = vectors[rng.choice(size, n_queries)] + 0.05 * rng.standard_normal(
            (n_queries, dim), dtype=np.float32
        )
        flat = faiss.IndexFlatIP(dim)
        flat.add(vectors)
        started = time.perf_counter()
        hnsw = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efSearch = 64
        hnsw.add(vectors)
        hnsw_build = time.perf_counter() - started
        flat_ms, exact = _per_query_ms(flat, queries)
        hnsw_ms, approx = _per_query_ms(hnsw, queries)
        recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(exact, approx, strict=True)])
        rows.append(
            {
                "vectors": size,
                "flat_ms": round(flat_ms, 3),
                "hnsw_ms": round(hnsw_ms, 3),
                "hnsw_recall@10": round(float(recall), 3),
                "hnsw_build_s": round(hnsw_build, 1),
            }
        )
    return rows


def _per_query_ms(index: faiss.Index, queries: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean latency of one-at-a-time searches (how the bot queries), and the results."""
    results = []
    started = time.perf_counter()
    with single_thread():
        for query in queries:
            _, ids = index.search(query[None, :], 10)
            results.append(ids[0])
    return (time.perf_counter() - started) * 1000 / len(queries), np.array(results)
