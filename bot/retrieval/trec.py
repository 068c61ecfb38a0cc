"""TREC-style evaluation of the same engine on any passage collection (``hiwar eval-trec``).

Inputs: a corpus ``id<TAB>text``, queries ``qid<TAB>question``, qrels ``qid Q0 docid rel``.
Measures MAP@10 (trec_eval map_cut_10: precision at each relevant hit in the top 10,
divided by the number of relevant documents) and MRR@10, with the Qur'an QA 2023
convention for unanswerable questions: a question whose qrels hold only docid ``-1``
scores 1 for an empty result list and 0 otherwise. Returning nothing is therefore a
decision, made when the top hit's score falls below an abstention threshold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from bot.retrieval.index import SearchIndex
from bot.retrieval.items import Hit, Item

NO_ANSWER = "-1"
DEPTH = 10
Qrels = dict[str, dict[str, int]]
Run = dict[str, list[Hit]]


def read_tsv(path: Path) -> list[tuple[str, str]]:
    """Rows of ``id<TAB>text`` (a row without a tab raises ValueError naming the line)."""
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        key, tab, text = line.partition("\t")
        if not tab:
            raise ValueError(f"{path}:{number}: expected 'id<TAB>text'")
        rows.append((key.strip(), text.strip()))
    return rows


def read_qrels(path: Path) -> Qrels:
    """``qid Q0 docid rel`` lines into {qid: {docid: rel}} (rel > 0 only)."""
    qrels: Qrels = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 4:
            raise ValueError(f"{path}:{number}: expected 'qid Q0 docid rel'")
        qid, _, docid, rel = fields
        judged = qrels.setdefault(qid, {})
        if int(rel) > 0:
            judged[docid] = int(rel)
    return qrels


def corpus_items(rows: Sequence[tuple[str, str]]) -> list[Item]:
    """One item per passage; its sentences (verses) are extra units beside the whole."""
    items = []
    for key, text in rows:
        sentences = [s.strip() for s in text.split(".") if len(s.strip()) > 1]
        units = [text, *sentences] if len(sentences) > 1 else [text]
        items.append(Item(key, units))
    return items


def run_queries(index: SearchIndex, queries: Sequence[tuple[str, str]], depth: int = DEPTH) -> Run:
    """The ranked hits of every query."""
    return {qid: index.search(text, k=depth) for qid, text in queries}


def apply_abstention(run: Run, threshold: float | None) -> dict[str, list[str]]:
    """Doc ids per query, emptied where the top score is below the threshold."""
    ranked = {}
    for qid, hits in run.items():
        abstain = threshold is not None and (not hits or hits[0].score < threshold)
        ranked[qid] = [] if abstain else [hit.id for hit in hits]
    return ranked


def average_precision(ranked: Sequence[str], relevant: Mapping[str, int], depth: int) -> float:
    """AP@depth, with the no-answer convention."""
    if set(relevant) <= {NO_ANSWER}:
        return 1.0 if not ranked else 0.0
    found, total = 0, 0.0
    for position, docid in enumerate(ranked[:depth], start=1):
        if docid in relevant:
            found += 1
            total += found / position
    return total / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: Mapping[str, int], depth: int) -> float:
    """RR@depth, with the no-answer convention."""
    if set(relevant) <= {NO_ANSWER}:
        return 1.0 if not ranked else 0.0
    for position, docid in enumerate(ranked[:depth], start=1):
        if docid in relevant:
            return 1.0 / position
    return 0.0


def score_run(
    ranked: Mapping[str, list[str]], qrels: Qrels, depth: int = DEPTH
) -> dict[str, float]:
    """MAP@depth and MRR@depth over every judged query (unrun queries count as empty)."""
    aps = [
        average_precision(ranked.get(q, []), rel or {NO_ANSWER: 1}, depth)
        for q, rel in qrels.items()
    ]
    rrs = [
        reciprocal_rank(ranked.get(q, []), rel or {NO_ANSWER: 1}, depth) for q, rel in qrels.items()
    ]
    return {"map@10": float(np.mean(aps)), "mrr@10": float(np.mean(rrs)), "n": len(qrels)}


def tune_threshold(run: Run, qrels: Qrels) -> float | None:
    """The abstention threshold (or None) that maximises MAP@10 on a judged run."""
    tops = sorted({hits[0].score for hits in run.values() if hits})
    best, best_map = None, score_run(apply_abstention(run, None), qrels)["map@10"]
    for threshold in tops:
        value = score_run(apply_abstention(run, threshold + 1e-9), qrels)["map@10"]
        if value > best_map:
            best, best_map = threshold + 1e-9, value
    return best
