"""Evaluation metrics on toy outcomes (hand-computed), question sets, calibration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.knowledge.model import Entry
from bot.retrieval.calibrate import Ranked, choose_thresholds, utility
from bot.retrieval.calibration import Calibration
from bot.retrieval.encoders import HashingEncoder
from bot.retrieval.eval_report import JSON_KEYS, evaluate_set, split_for_calibration
from bot.retrieval.evaluate import (
    Outcome,
    Question,
    load_question_set,
    metrics,
    outcome_from_hits,
    worst_confusions,
)
from bot.retrieval.items import Hit


def _outcome(expected: str | None, ranked: list[str], decision: str, lang: str = "en") -> Outcome:
    return Outcome(Question("q", lang, expected), ranked, decision, 0.5)  # type: ignore[arg-type]


TOY = [
    _outcome("a", ["a", "b", "c"], "answer"),  # rank 1
    _outcome("b", ["a", "c", "b"], "clarify"),  # rank 3
    _outcome("c", ["a", "b"], "abstain"),  # not found, wrongly abstained
    _outcome("d", ["b", "d"], "answer"),  # rank 2
    _outcome(None, ["a"], "abstain"),  # correct abstention
    _outcome(None, ["b"], "answer"),  # missed abstention
]


def test_metrics_match_hand_computation() -> None:
    figures = metrics(TOY)
    assert figures["recall@1"] == pytest.approx(1 / 4)
    assert figures["recall@3"] == pytest.approx(3 / 4)
    assert figures["mrr@10"] == pytest.approx((1 + 1 / 3 + 0 + 1 / 2) / 4)
    assert figures["abstain_precision"] == pytest.approx(1 / 2)
    assert figures["abstain_recall"] == pytest.approx(1 / 2)
    assert figures["wrongly_abstained"] == pytest.approx(1 / 4)
    assert figures["answered_correctly"] == pytest.approx(1 / 4)
    assert (figures["n"], figures["n_answerable"], figures["n_must_abstain"]) == (6, 4, 2)


def test_metrics_without_abstentions_report_none() -> None:
    figures = metrics([_outcome("a", ["a"], "answer")])
    assert figures["abstain_precision"] is None and figures["abstain_recall"] is None


def test_worst_confusions_count_pairs_and_missed_abstentions() -> None:
    confusions = worst_confusions(TOY + [_outcome("d", ["b"], "answer")])
    assert confusions[0]["expected"] == "d" and confusions[0]["got"] == "b"
    assert confusions[0]["count"] == 2
    assert {"expected": "(abstain)", "got": "b (answer)", "count": 1, "example": "q"} in confusions


def test_question_set_is_read_and_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    rows = [
        {"question": "hi", "lang": "en", "expected": None},
        {"question": "x", "lang": "fr", "expected": "a"},
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows))
    with pytest.raises(ValueError, match=r"set.jsonl:2: lang must be 'ar' or 'en'"):
        load_question_set(path)
    path.write_text(json.dumps(rows[0]) + "\n\n")
    assert load_question_set(path) == [Question("hi", "en", None)]


def test_calibration_split_is_stable_and_covers_everything() -> None:
    questions = [Question(f"question {i}", "en", None) for i in range(40)]
    fit, held_out = split_for_calibration(questions)
    assert split_for_calibration(questions) == (fit, held_out)
    assert len(fit) + len(held_out) == 40 and fit and held_out


def test_thresholds_separate_must_abstain_from_answerable(calibration: Calibration) -> None:
    ranked = [
        Ranked(Question(f"a{i}", "en", "x"), [Hit("x", 0.8 + i / 100, "t")]) for i in range(10)
    ]
    ranked += [
        Ranked(Question(f"n{i}", "en", None), [Hit("x", 0.2 + i / 100, "t")]) for i in range(10)
    ]
    chosen = choose_thresholds(ranked, calibration)
    assert 0.28 < chosen.thresholds.abstain <= 0.8
    assert utility(ranked, chosen) == pytest.approx(1.0)


def test_must_abstain_questions_caught_by_out_of_scope_examples_do_not_set_thresholds(
    calibration: Calibration,
) -> None:
    """They are abstained on at any threshold; their high scores must not raise it."""
    ranked = [
        Ranked(Question(f"a{i}", "en", "x"), [Hit("x", 0.6 + i / 100, "t")]) for i in range(10)
    ]
    ranked += [
        Ranked(Question(f"n{i}", "en", None), [Hit("x", 0.2 + i / 100, "t")]) for i in range(10)
    ]
    caught = [Hit("out-of-scope:prayer", 0.95, "t"), Hit("x", 0.9, "t")]
    ranked += [Ranked(Question(f"p{i}", "en", None), caught) for i in range(10)]
    chosen = choose_thresholds(ranked, calibration)
    assert 0.28 < chosen.thresholds.abstain <= 0.6
    assert utility(ranked, chosen) == pytest.approx(1.0)


def test_out_of_scope_hits_are_not_part_of_the_ranking(calibration: Calibration) -> None:
    hits = [Hit("out-of-scope:prayer", 0.9, "t"), Hit("x", 0.7, "t"), Hit("y", 0.6, "t")]
    outcome = outcome_from_hits(Question("q", "en", "y"), hits, calibration)
    assert outcome.ranked == ["x", "y"] and outcome.top_score == pytest.approx(0.7)
    assert outcome.decision == "abstain"


def test_evaluate_set_reports_every_group(entries: list[Entry], calibration: Calibration) -> None:
    questions = [
        Question("Is killing civilians jihad?", "en", "killing-civilians"),
        Question("هل الإسلام دين رحمة؟", "ar", "mercy-in-islam"),
        Question("what is the weather tomorrow", "en", None),
    ]
    report = evaluate_set(entries, HashingEncoder(), calibration, questions)
    assert set(JSON_KEYS) <= set(report["overall"])
    assert report["overall"]["recall@1"] == 1.0 and report["overall"]["abstain_recall"] == 1.0
    assert report["ar"]["n"] == 1 and report["cross_lingual"]["n"] == 2
