"""`hiwar bench e2e`: options become the run's bounds; the report is printed and written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.bench import runner
from bot.bench.runner import BenchOptions
from bot.cli import main
from bot.settings import Settings

REPORT: dict[str, Any] = {"results": {}, "targets": {"zero_errors": True}, "notes": ["n"]}


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[BenchOptions]:
    """Replace the real run; remember the options it was called with."""
    calls: list[BenchOptions] = []

    def fake_run(settings: Settings, options: BenchOptions) -> dict[str, Any]:
        calls.append(options)
        return REPORT

    monkeypatch.setattr(runner, "run_benchmark", fake_run)
    return calls


def test_defaults_are_the_targets_scenario(asked: list[BenchOptions], capsys) -> None:
    assert main(["bench", "e2e"]) == 0
    assert asked == [BenchOptions(users=20, duration_s=60.0, max_messages=None, rate_per_s=40.0)]
    assert "zero_errors met" in capsys.readouterr().out


def test_a_memory_run_is_bounded_by_its_message_count(
    asked: list[BenchOptions], tmp_path: Path, capsys
) -> None:
    out = tmp_path / "bench" / "e2e.json"
    argv = ["bench", "e2e", "--messages", "10000", "--skip-stock", "--json", "--out", str(out)]
    assert main(argv) == 0
    assert asked[0].max_messages == 10000 and asked[0].duration_s == 3600.0
    assert asked[0].skip_stock
    assert json.loads(out.read_text()) == REPORT == json.loads(capsys.readouterr().out)


def test_nonsense_counts_are_refused(asked: list[BenchOptions]) -> None:
    assert main(["bench", "e2e", "--users", "0"]) == 2
    assert asked == []
