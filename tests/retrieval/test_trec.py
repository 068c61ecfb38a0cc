"""TREC-style scoring, including the no-answer convention of Qur'an QA 2023."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.retrieval.encoders import HashingEncoder
from bot.retrieval.index import SearchIndex
from bot.retrieval.items import Hit
from bot.retrieval.trec import (
    apply_abstention,
    average_precision,
    corpus_items,
    read_qrels,
    read_tsv,
    reciprocal_rank,
    run_queries,
    score_run,
    tune_threshold,
)


def test_average_precision_divides_by_all_relevant() -> None:
    relevant = {"d1": 1, "d3": 1, "d9": 1}
    assert average_precision(["d1", "d2", "d3"], relevant, 10) == pytest.approx((1 + 2 / 3) / 3)
    assert average_precision([], relevant, 10) == 0.0


def test_reciprocal_rank_stops_at_depth() -> None:
    assert reciprocal_rank(["x", "d1"], {"d1": 1}, 10) == 0.5
    assert reciprocal_rank(["x", "d1"], {"d1": 1}, 1) == 0.0


def test_no_answer_questions_only_reward_an_empty_list() -> None:
    no_answer = {"-1": 1}
    assert average_precision([], no_answer, 10) == 1.0
    assert reciprocal_rank([], no_answer, 10) == 1.0
    assert average_precision(["d1"], no_answer, 10) == 0.0
    assert reciprocal_rank(["d1"], no_answer, 10) == 0.0


def test_score_run_averages_and_treats_unrun_queries_as_empty() -> None:
    qrels = {"q1": {"d1": 1}, "q2": {"-1": 1}, "q3": {"d2": 1}}
    figures = score_run({"q1": ["d1"], "q3": ["d9"]}, qrels)
    assert figures == {"map@10": pytest.approx(2 / 3), "mrr@10": pytest.approx(2 / 3), "n": 3}


def test_qrels_and_tsv_parsing(tmp_path: Path) -> None:
    (tmp_path / "qrels").write_text("1 Q0 2:1-5 1\n1\t0\t3:4-6\t1\n2 Q0 -1 1\n3 Q0 9:1-2 0\n")
    assert read_qrels(tmp_path / "qrels") == {
        "1": {"2:1-5": 1, "3:4-6": 1},
        "2": {"-1": 1},
        "3": {},
    }
    (tmp_path / "bad.tsv").write_text("no tab here\n")
    with pytest.raises(ValueError, match="bad.tsv:1"):
        read_tsv(tmp_path / "bad.tsv")


def test_abstention_threshold_empties_weak_results() -> None:
    run = {"q1": [Hit("d1", 0.9, "t")], "q2": [Hit("d2", 0.2, "t")]}
    assert apply_abstention(run, 0.5) == {"q1": ["d1"], "q2": []}
    qrels = {"q1": {"d1": 1}, "q2": {"-1": 1}}
    threshold = tune_threshold(run, qrels)
    assert threshold is not None and 0.2 < threshold <= 0.9


def test_passages_are_searchable_end_to_end() -> None:
    rows = [("1:1-2", "in the name of god. the merciful"), ("2:1-1", "patience and prayer")]
    index = SearchIndex.build(corpus_items(rows), HashingEncoder())
    run = run_queries(index, [("q", "patience")])
    assert run["q"][0].id == "2:1-1"
