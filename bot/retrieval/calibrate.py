"""Choosing fusion parameters and decision thresholds on a question set.

Rule, in order of what matters for a religious-guidance bot:
1. ``abstain`` must abstain on at least ``ABSTAIN_TARGET`` of the must-abstain
   questions (out-of-scope questions go to the scholars);
2. ``strict``: the lowest threshold abstaining on ``STRICT_TARGET`` of them;
3. within that constraint, ``abstain``, ``answer`` and ``clarify_margin`` maximise a
   utility where a wrong direct answer costs twice what a correct one earns, and a
   "did you mean" that contains the right entry earns half.
Fusion parameters (including how many of an entry's best phrasings its dense score
averages) are chosen the same way: the grid point with the best utility.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from bot.retrieval.calibration import Calibration, Thresholds
from bot.retrieval.evaluate import Outcome, Question, metrics, outcome_from_hits
from bot.retrieval.fusion import FusionParams
from bot.retrieval.index import SearchIndex
from bot.retrieval.items import Hit
from bot.retrieval.knowledge_search import decide_from_hits, entry_hits, is_out_of_scope

ABSTAIN_TARGET = 0.90
STRICT_TARGET = 0.97
# unit_top_k: 1 scores an entry by its best phrasing, 3 by the mean of its best three.
FUSION_GRID = (
    [FusionParams("dense", unit_top_k=top) for top in (1, 3)]
    + [
        FusionParams("weighted", w, c, unit_top_k=top)
        for w in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
        for c in (4.0, 8.0, 16.0)
        for top in (1, 3)
    ]
    + [FusionParams("rrf", rrf_k=k) for k in (10, 60)]
)


@dataclass(frozen=True)
class Ranked:
    """A question with its ranked hits under one fusion setting."""

    question: Question
    hits: list[Hit]


def rank_all(index: SearchIndex, questions: Sequence[Question], k: int = 10) -> list[Ranked]:
    """Search every question once with the index's current fusion."""
    return [Ranked(q, index.search(q.question, k=k)) for q in questions]


def _threshold_for(scores: list[float], target: float, total: int | None = None) -> float:
    """Smallest threshold above enough must-abstain top scores that ``target`` of all
    ``total`` must-abstain questions are abstained on; those without a score here
    (caught by an out-of-scope example) count as abstained already."""
    total = len(scores) if total is None else total
    needed = int(np.ceil(target * total)) - (total - len(scores))
    if not scores or needed <= 0:
        return 0.0
    ordered = np.sort(np.asarray(scores))
    return float(ordered[min(len(ordered), needed) - 1]) + 1e-6


def utility(ranked: Sequence[Ranked], calibration: Calibration) -> float:
    """Mean reward per question under the decision rule (see module docstring)."""
    total = 0.0
    for item in ranked:
        kind, candidates = decide_from_hits(item.hits, calibration)
        expected = item.question.expected
        ids = [c.entry_id for c in candidates]
        if expected is None:
            total += {"abstain": 1.0, "clarify": -0.5, "answer": -2.0}[kind]
        elif kind == "answer":
            total += 1.0 if ids[0] == expected else -2.0
        elif kind == "clarify":
            total += 0.5 if expected in ids else -0.25
    return total / max(1, len(ranked))


def choose_thresholds(ranked: Sequence[Ranked], base: Calibration) -> Calibration:
    """Thresholds for these rankings by the rule in the module docstring."""
    # A question nearest to an out-of-scope example is abstained on at any threshold.
    entries = [(r, entry_hits(r.hits)) for r in ranked if not out_of_scope_first(r.hits)]
    tops = [hits[0].score if hits else 0.0 for r, hits in entries if r.question.expected is None]
    total = sum(1 for r in ranked if r.question.expected is None)
    lowest = _threshold_for(tops, ABSTAIN_TARGET, total)
    strict = _threshold_for(tops, STRICT_TARGET, total)
    abstain_grid = {lowest, *[t + 1e-6 for t in tops if lowest < t + 1e-6 <= strict]}
    answer_grid = np.quantile(
        [hits[0].score for _, hits in entries if hits] or [lowest], np.linspace(0, 0.9, 19)
    )
    best, best_utility = base, float("-inf")
    for abstain in sorted(abstain_grid):
        for answer in sorted({abstain, *[float(a) for a in answer_grid if a > abstain]}):
            for margin in (0.0, 0.01, 0.02, 0.03, 0.05, 0.08):
                limits = Thresholds(abstain, answer, margin, max(strict, abstain))
                candidate = replace(base, thresholds=limits)
                score = utility(ranked, candidate)
                if score > best_utility:
                    best, best_utility = candidate, score
    return best


def calibrate(
    index: SearchIndex, fit: Sequence[Question], base: Calibration
) -> tuple[Calibration, list[dict[str, Any]]]:
    """Best fusion and thresholds on ``fit``; also the utility of every grid point tried."""
    tried: list[dict[str, Any]] = []
    best, best_utility = base, float("-inf")
    for fusion in FUSION_GRID:
        index.fusion = fusion
        ranked = rank_all(index, fit)
        chosen = choose_thresholds(ranked, replace(base, fusion=fusion))
        score = utility(ranked, chosen)
        outcome = metrics([to_outcome(r, chosen) for r in ranked])
        tried.append({"fusion": fusion.to_dict(), "utility": round(score, 4), **_short(outcome)})
        if score > best_utility:
            best, best_utility = chosen, score
    index.fusion = best.fusion
    return best, tried


def out_of_scope_first(hits: Sequence[Hit]) -> bool:
    """Whether the best hit is an out-of-scope topic."""
    return bool(hits) and is_out_of_scope(hits[0].id)


def to_outcome(ranked: Ranked, calibration: Calibration) -> Outcome:
    """The evaluation outcome of one ranked question under a calibration."""
    return outcome_from_hits(ranked.question, ranked.hits, calibration)


def _short(figures: dict[str, Any]) -> dict[str, Any]:
    keys = ("recall@1", "abstain_recall", "wrongly_abstained", "answered_correctly")
    return {key: round(figures[key], 4) for key in keys if figures.get(key) is not None}
