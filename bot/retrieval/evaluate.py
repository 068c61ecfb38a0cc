"""Evaluation of knowledge retrieval on a JSON Lines question set (``hiwar eval``).

Ranking quality (recall@1, recall@3, MRR@10) is measured on answerable questions
from the full ranking, independent of thresholds; abstention precision and recall
come from the calibrated decision. "Cross-lingual" re-runs the answerable questions
against an index holding only the other language's texts, so a question must cross
languages to be found.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.knowledge.model import Entry, Lang
from bot.retrieval.calibration import Calibration
from bot.retrieval.encoders import Encoder
from bot.retrieval.index import SearchIndex
from bot.retrieval.items import Hit
from bot.retrieval.knowledge_search import (
    NO_AIDS,
    SearchAids,
    decide_from_hits,
    entry_hits,
    knowledge_index,
    out_of_scope_count,
)

RANK_DEPTH = 10


@dataclass(frozen=True)
class Question:
    """One line of a question set: the text, its language, the entry it should find."""

    question: str
    lang: Lang
    expected: str | None


@dataclass(frozen=True)
class Outcome:
    """What the system did with one question: its ranking and its decision."""

    question: Question
    ranked: list[str]
    decision: str
    top_score: float


def load_question_set(path: Path) -> list[Question]:
    """Read a JSON Lines question set; a malformed line raises ValueError naming it."""
    questions = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            lang = record["lang"]
            if lang not in ("ar", "en"):
                raise ValueError(f"lang must be 'ar' or 'en', not {lang!r}")
            questions.append(Question(str(record["question"]), lang, record["expected"]))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: {error}") from error
    return questions


def run_questions(
    index: SearchIndex, questions: Iterable[Question], calibration: Calibration
) -> list[Outcome]:
    """Rank and decide every question."""
    outcomes = []
    depth = RANK_DEPTH + out_of_scope_count(index)  # out-of-scope hits are not ranked entries
    for question in questions:
        hits = index.search(question.question, k=depth)
        outcomes.append(outcome_from_hits(question, hits, calibration))
    return outcomes


def outcome_from_hits(question: Question, hits: list[Hit], calibration: Calibration) -> Outcome:
    """The outcome for a question given its ranked hits (entries only in the ranking)."""
    kind, _ = decide_from_hits(hits, calibration)
    entries = entry_hits(hits)[:RANK_DEPTH]
    top = entries[0].score if entries else float("-inf")
    return Outcome(question, [hit.id for hit in entries], kind, top)


def metrics(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """recall@1, recall@3, mrr@10 on answerable; abstention precision/recall; n."""
    answerable = [o for o in outcomes if o.question.expected is not None]
    must_abstain = [o for o in outcomes if o.question.expected is None]
    abstained = [o for o in outcomes if o.decision == "abstain"]
    correct_abstentions = sum(1 for o in abstained if o.question.expected is None)
    ranks = [_rank(o) for o in answerable]
    return {
        "recall@1": _mean([r == 1 for r in ranks]),
        "recall@3": _mean([r is not None and r <= 3 for r in ranks]),
        "mrr@10": _mean([1.0 / r if r else 0.0 for r in ranks]),
        "abstain_precision": correct_abstentions / len(abstained) if abstained else None,
        "abstain_recall": correct_abstentions / len(must_abstain) if must_abstain else None,
        "wrongly_abstained": _mean([o.decision == "abstain" for o in answerable]),
        "answered_correctly": _mean([_answered_correctly(o) for o in answerable]),
        "n": len(outcomes),
        "n_answerable": len(answerable),
        "n_must_abstain": len(must_abstain),
    }


def _rank(outcome: Outcome) -> int | None:
    expected = outcome.question.expected
    return outcome.ranked.index(expected) + 1 if expected in outcome.ranked else None


def _answered_correctly(outcome: Outcome) -> bool:
    return outcome.decision == "answer" and _rank(outcome) == 1


def _mean(values: Sequence[float | bool]) -> float | None:
    return sum(values) / len(values) if values else None


def by_language(outcomes: Sequence[Outcome]) -> dict[str, dict[str, Any]]:
    """Metrics overall and per question language."""
    report = {"overall": metrics(outcomes)}
    for lang in ("ar", "en"):
        report[lang] = metrics([o for o in outcomes if o.question.lang == lang])
    return report


def worst_confusions(outcomes: Sequence[Outcome], limit: int = 10) -> list[dict[str, Any]]:
    """The most frequent (expected -> ranked first) mistakes, with one example each."""
    mistakes: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    for outcome in outcomes:
        expected = outcome.question.expected or "(abstain)"
        got = outcome.ranked[0] if outcome.ranked else "(nothing)"
        if outcome.question.expected is None and outcome.decision != "abstain":
            got = f"{got} ({outcome.decision})"
        elif outcome.question.expected is None or got == expected:
            continue
        mistakes[(expected, got)] += 1
        examples.setdefault((expected, got), outcome.question.question)
    return [
        {"expected": pair[0], "got": pair[1], "count": count, "example": examples[pair]}
        for pair, count in mistakes.most_common(limit)
    ]


def cross_lingual(
    entries: Sequence[Entry],
    encoder: Encoder,
    questions: Sequence[Question],
    calibration: Calibration,
    aids: SearchAids = NO_AIDS,
) -> dict[str, Any]:
    """Ranking metrics when every answerable question must match the other language.

    Decision metrics are left out: the thresholds belong to the bilingual index.
    """
    outcomes: list[Outcome] = []
    pairs: tuple[tuple[Lang, Lang], ...] = (("ar", "en"), ("en", "ar"))
    for lang, other in pairs:
        asked = [q for q in questions if q.lang == lang and q.expected is not None]
        if not asked:
            continue
        index = knowledge_index(entries, encoder, aids, langs=(other,))
        index.fusion = calibration.fusion
        outcomes += run_questions(index, asked, calibration)
    figures = metrics(outcomes)
    # Ranking only: thresholds are calibrated for the bilingual index, not this one.
    return {key: figures[key] for key in ("recall@1", "recall@3", "mrr@10", "n")}
