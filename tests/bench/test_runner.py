"""One bot measured end to end: warm-up, single-user probe, load with process sampling."""

from __future__ import annotations

import os

import pytest

from bot.bench.conversations import hiwar_conversation
from bot.bench.e2e import gateway_target
from bot.bench.runner import BenchOptions, measure


@pytest.mark.integration
def test_measure_reports_load_probe_and_processes(fake_chat_url: str) -> None:
    options = BenchOptions(
        users=3, duration_s=2.0, rate_per_s=0, warmup_messages=4, single_user_s=1.0
    )
    measurement = measure(
        gateway_target(fake_chat_url), hiwar_conversation, options, {"bench": os.getpid()}
    )
    summary = measurement.summary("fake")

    assert summary["messages"] > 20 and summary["errors"] == {}
    assert summary["single_user"]["latency"]["count"] > 5
    assert "question" in summary["latency_by_kind"]
    assert summary["processes"]["bench"]["rss_max_mb"] > 0
    assert summary["note"] == "fake"
