"""The plain-text table printed by `hiwar bench e2e`."""

from __future__ import annotations

from bot.bench.table import format_table


def report() -> dict:
    result = {
        "messages": 120,
        "errors": {"HTTP 500": 2},
        "throughput_per_s": 40.0,
        "latency": {"p50_ms": 50.0, "p95_ms": 140.0, "p99_ms": 180.0},
        "latency_by_kind": {"question": {"p50_ms": 60.0, "p95_ms": 150.0}},
        "single_user": {"latency_by_kind": {"question": {"p50_ms": 30.0, "p95_ms": 45.0}}},
        "processes": {
            "rasa": {"rss_start_mb": 500.0, "rss_end_mb": 510.0, "rss_max_mb": 520.0,
                     "cpu_ms_per_message": 12.5},
        },
    }  # fmt: skip
    return {
        "results": {"hiwar": result},
        "comparison": {"p50_ratio": 2.0, "p95_ratio": 2.5, "retrieval_adds_p95_ms": 15.0},
        "targets": {"p95_le_150ms": True, "zero_errors": False, "retrieval_adds_le_20ms_p95": None},
        "notes": ["stock has no gateway"],
    }


def test_table_shows_figures_comparison_memory_and_verdicts() -> None:
    table = format_table(report())
    assert table.splitlines()[1].split() == ["hiwar", "120", "2", "40.0", "50.0", "140.0", "180.0"]
    assert "question 60/150" in table
    assert "hiwar alone (1 user, no queueing) p50/p95 ms: question 30/45" in table
    assert "p95 x2.5" in table and "adds 15.0 ms" in table
    assert "hiwar/rasa" in table and "12.5" in table
    assert "p95_le_150ms met, zero_errors MISSED, retrieval_adds_le_20ms_p95 n/a" in table
    assert table.endswith("note: stock has no gateway")
