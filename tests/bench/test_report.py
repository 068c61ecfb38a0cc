"""Statistics of a run: percentiles, errors, throughput, the comparison and the targets."""

from __future__ import annotations

import math

import pytest

from bot.bench.e2e import LoadResult, Turn
from bot.bench.memory import ProcessUsage
from bot.bench.report import (
    LatencyStats,
    check_targets,
    compare,
    count_errors,
    error_rate,
    percentile,
    question_over_greeting_p95,
    ratio,
    summarize_latency,
    summarize_target,
    throughput,
)


def turns_ms(*latencies_ms: float, kind: str = "question", error: str = "") -> list[Turn]:
    return [Turn(kind, 0.0, ms / 1000, error) for ms in latencies_ms]


def test_percentiles_interpolate_between_ranks_like_numpy() -> None:
    values = list(range(1, 11))  # numpy.percentile(values, [0, 50, 95, 99, 100])
    assert percentile(values, 0) == 1
    assert percentile(values, 50) == 5.5
    assert percentile(values, 95) == pytest.approx(9.55)
    assert percentile(values, 99) == pytest.approx(9.91)
    assert percentile(values, 100) == 10


def test_percentile_ignores_input_order_and_handles_one_value() -> None:
    assert percentile([30.0, 10.0, 20.0], 50) == 20.0
    assert percentile([7.0], 99) == 7.0


def test_percentile_of_nothing_is_nan_and_bad_q_is_refused() -> None:
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError, match="between 0 and 100"):
        percentile([1.0], 101)


def test_latency_stats_leave_out_failed_turns_but_count_them() -> None:
    turns = turns_ms(10, 20, 30) + turns_ms(5000, error="timeout")
    stats = LatencyStats.of(turns)
    assert stats.count == 4
    assert stats.p50_ms == pytest.approx(20.0)
    assert stats.max_ms == pytest.approx(30.0)


def test_errors_are_counted_by_reason_and_as_a_rate() -> None:
    turns = (
        turns_ms(10, 10, 10, 10, 10, 10)
        + turns_ms(10, error="HTTP 500")
        + turns_ms(10, 10, error="empty reply")
        + turns_ms(10, error="timeout")
    )
    assert count_errors(turns) == {"HTTP 500": 1, "empty reply": 2, "timeout": 1}
    assert error_rate(turns) == pytest.approx(0.4)
    assert error_rate([]) == 0.0


def test_throughput_is_turns_per_second_of_wall_time() -> None:
    assert throughput(LoadResult("x", 1, turns_ms(1, 2, 3, 4), elapsed_s=2.0)) == 2.0
    assert throughput(LoadResult("x", 1, [], elapsed_s=0.0)) == 0.0


def test_ratio_is_rounded_and_none_without_a_denominator() -> None:
    assert ratio(150.0, 60.0) == 2.5
    assert ratio(1.0, 0.0) is None
    assert ratio(math.nan, 3.0) is None


def summary(latencies: dict[str, list[float]], errors: int = 0, seconds: float = 10.0) -> dict:
    turns = [t for kind, ms in latencies.items() for t in turns_ms(*ms, kind=kind)]
    turns += turns_ms(*([1.0] * errors), kind="greeting", error="HTTP 500")
    usage = {"rasa": ProcessUsage(start_mb=100, end_mb=110, max_mb=120, cpu_s=2.0)}
    return summarize_target(LoadResult("bot", 4, turns, elapsed_s=seconds), usage)


def test_summary_splits_latency_by_kind_and_charges_cpu_per_message() -> None:
    result = summary({"greeting": [10.0] * 10, "question": [40.0] * 10})
    assert result["messages"] == 20
    assert result["throughput_per_s"] == 2.0
    assert result["latency_by_kind"]["question"]["p95_ms"] == 40.0
    assert result["latency_by_kind"]["greeting"]["p50_ms"] == 10.0
    assert result["processes"]["rasa"]["rss_growth_mb"] == 10.0
    assert result["processes"]["rasa"]["cpu_ms_per_message"] == 100.0


def test_comparison_gives_ratios_and_what_a_question_turn_adds_at_p95() -> None:
    hiwar = summary({"greeting": [30.0] * 10, "question": [80.0] * 10})
    stock = summary({"greeting": [20.0] * 20})
    comparison = compare(hiwar, stock)
    assert comparison["p50_ratio"] == pytest.approx(55.0 / 20.0, abs=0.01)
    assert comparison["p95_ratio"] == 4.0
    assert comparison["retrieval_adds_p95_ms"] == 60.0


def test_targets_are_judged_on_hiwar_and_left_open_without_stock() -> None:
    fast = summary({"question": [100.0] * 500}, seconds=10.0)
    assert check_targets(fast, None) == {
        "p95_le_150ms": True,
        "zero_errors": True,
        "throughput_ge_40_per_s": True,
        "retrieval_adds_le_20ms_p95": None,
    }
    slow = summary({"question": [200.0] * 10}, errors=1, seconds=10.0)
    verdict = check_targets(slow, {"retrieval_adds_p95_ms": 25.0})
    assert verdict["p95_le_150ms"] is False
    assert verdict["zero_errors"] is False
    assert verdict["throughput_ge_40_per_s"] is False
    assert verdict["retrieval_adds_le_20ms_p95"] is False


def test_within_hiwar_a_question_is_compared_with_a_greeting() -> None:
    hiwar = summary({"greeting": [30.0] * 10, "question": [45.0] * 10})
    assert question_over_greeting_p95(hiwar) == 15.0
    assert question_over_greeting_p95(summary({"question": [45.0]})) is None


def test_single_user_figures_are_compared_when_both_bots_have_them() -> None:
    hiwar = summary({"greeting": [300.0] * 10, "question": [900.0] * 10})
    stock = summary({"greeting": [200.0] * 20})
    hiwar["single_user"] = summarize_latency(turns_ms(*[60.0] * 10, kind="question"))
    stock["single_user"] = summarize_latency(turns_ms(*[40.0] * 10, kind="greeting"))
    comparison = compare(hiwar, stock)
    assert comparison["retrieval_adds_p95_ms"] == 700.0  # under load: mostly queueing
    assert comparison["single_user_p50_ratio"] == 1.5
    assert comparison["single_user_retrieval_adds_p95_ms"] == 20.0
