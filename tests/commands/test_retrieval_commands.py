"""The thin retrieval commands: eval, eval-trec, kb build, search (hashing encoder, tmp dirs)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import ModuleType

import pytest

from bot.commands import eval as eval_command
from bot.commands import eval_trec, kb_build, search
from bot.settings import RetrievalSettings, Settings

GOOD_KB = Path(__file__).parents[1] / "knowledge" / "fixtures" / "good" / "knowledge"
CALIBRATION = Path(__file__).parents[1] / "retrieval" / "fixtures" / "calibration.json"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    retrieval = RetrievalSettings(encoder="hashing", calibration_file=CALIBRATION)
    return Settings(var_dir=tmp_path / "var", knowledge_dir=GOOD_KB, retrieval=retrieval)


def _run(module: ModuleType, argv: list[str], settings: Settings) -> int:
    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    return int(module.run(parser.parse_args(argv), settings))


def test_eval_json_has_exactly_the_documented_keys(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    question_set = tmp_path / "set.jsonl"
    rows = [
        {"question": "Is killing civilians jihad?", "lang": "en", "expected": "killing-civilians"},
        {"question": "what is the weather tomorrow", "lang": "en", "expected": None},
    ]
    question_set.write_text("\n".join(json.dumps(row) for row in rows))
    assert _run(eval_command, ["--set", str(question_set), "--json"], settings) == 0
    figures = json.loads(capsys.readouterr().out)
    assert list(figures) == [
        "recall@1",
        "recall@3",
        "mrr@10",
        "abstain_precision",
        "abstain_recall",
        "n",
    ]
    assert figures["n"] == 2


def test_eval_reports_a_missing_set(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(eval_command, ["--set", "/nonexistent.jsonl"], settings) == 1
    assert "nonexistent.jsonl" in capsys.readouterr().err


def test_kb_build_builds_once_then_is_up_to_date(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(kb_build, [], settings) == 0
    assert capsys.readouterr().out.startswith("built: ")
    assert _run(kb_build, [], settings) == 0
    assert capsys.readouterr().out.startswith("up to date: ")
    assert _run(kb_build, ["--force"], settings) == 0
    assert capsys.readouterr().out.startswith("built: ")


def test_search_prints_decision_and_hits(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(search, ["Is killing civilians jihad?", "--json", "-k", "2"], settings) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["lang"] == "en" and len(payload["hits"]) == 2
    assert payload["hits"][0]["id"] == "killing-civilians"


def test_eval_trec_scores_a_tiny_collection(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "corpus.tsv").write_text("p1\tpatience and prayer\np2\tthe merciful lord\n")
    (tmp_path / "queries.tsv").write_text("q1\tpatience prayer\n")
    (tmp_path / "qrels").write_text("q1 Q0 p1 1\n")
    argv = ["--corpus", "corpus.tsv", "--queries", "queries.tsv", "--qrels", "qrels", "--json"]
    argv = [str(tmp_path / a) if a in ("corpus.tsv", "queries.tsv", "qrels") else a for a in argv]
    assert _run(eval_trec, argv, settings) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["map@10"] == 1.0 and report["mrr@10"] == 1.0 and report["n"] == 1
