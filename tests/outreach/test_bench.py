"""``hiwar bench broadcast`` on a small scale: nothing lost, nothing duplicated, paced."""

from __future__ import annotations

import argparse
import json

import pytest

from bot.commands import bench_broadcast
from bot.outreach.bench import run_broadcast_bench
from bot.settings import Settings


def test_small_broadcast_loses_and_duplicates_nothing() -> None:
    result = run_broadcast_bench(60, 100.0)
    assert (result.lost, result.duplicated, result.failed) == (0, 0, 0)
    assert result.sent == result.recorded_sent == 60
    assert result.elapsed_s >= result.theoretical_min_s * 59 / 60


def test_command_prints_json_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    bench_broadcast.add_arguments(parser)
    args = parser.parse_args(["--subscribers", "20", "--rate", "200", "--json"])
    assert bench_broadcast.run(args, Settings()) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["subscribers"] == 20 and figures["lost"] == 0 and figures["duplicated"] == 0
