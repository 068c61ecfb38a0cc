"""Statistics of a benchmark run and the report: JSON for machines, a short table for people.

Absolute milliseconds depend on the machine; Hiwar's latency divided by the stock Rasa bot's,
measured in the same run, is the figure that holds across machines. The targets come from
issue 8 and were set for a 2-core machine.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.bench.e2e import LoadResult, Turn
from bot.bench.memory import ProcessUsage

TARGET_P95_MS = 150.0
TARGET_THROUGHPUT_PER_S = 40.0
TARGET_RETRIEVAL_OVERHEAD_P95_MS = 20.0
QUESTION_KIND = "question"
GREETING_KIND = "greeting"


def percentile(values: Iterable[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between ranks, as numpy does."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be between 0 and 100, not {q}")
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class LatencyStats:
    """Latency percentiles of a set of turns, in milliseconds."""

    count: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float

    @classmethod
    def of(cls, turns: list[Turn]) -> LatencyStats:
        """Percentiles over the successful turns (a failed turn's time means nothing)."""
        ms = [turn.latency_s * 1000 for turn in turns if turn.ok]
        return cls(
            count=len(turns),
            p50_ms=percentile(ms, 50),
            p95_ms=percentile(ms, 95),
            p99_ms=percentile(ms, 99),
            max_ms=max(ms, default=math.nan),
        )

    def as_dict(self) -> dict[str, float | int | None]:
        """Rounded figures for the JSON report; a missing percentile is null."""

        def clean(value: float) -> float | None:
            return None if math.isnan(value) else round(value, 1)

        return {
            "count": self.count,
            "p50_ms": clean(self.p50_ms),
            "p95_ms": clean(self.p95_ms),
            "p99_ms": clean(self.p99_ms),
            "max_ms": clean(self.max_ms),
        }


def count_errors(turns: list[Turn]) -> Counter[str]:
    """How many turns failed, by reason."""
    return Counter(turn.error for turn in turns if turn.error)


def error_rate(turns: list[Turn]) -> float:
    """Failed turns as a fraction of all turns (0 for an empty run)."""
    return sum(count_errors(turns).values()) / len(turns) if turns else 0.0


def throughput(result: LoadResult) -> float:
    """Completed turns per second of wall time."""
    return len(result.turns) / result.elapsed_s if result.elapsed_s > 0 else 0.0


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator, or None when either is missing or the denominator is 0."""
    if math.isnan(numerator) or math.isnan(denominator) or denominator <= 0:
        return None
    return round(numerator / denominator, 2)


def summarize_latency(turns: list[Turn]) -> dict[str, Any]:
    """Latency percentiles of all turns and of each kind of turn."""
    kinds = sorted({turn.kind for turn in turns})
    return {
        "latency": LatencyStats.of(turns).as_dict(),
        "latency_by_kind": {
            kind: LatencyStats.of([t for t in turns if t.kind == kind]).as_dict() for kind in kinds
        },
    }


def summarize_target(
    result: LoadResult, usage: dict[str, ProcessUsage], note: str = ""
) -> dict[str, Any]:
    """Everything measured about one system under test, as plain JSON-ready data."""
    messages = len(result.turns)
    return {
        "target": result.target,
        "note": note,
        "users": result.users,
        "messages": messages,
        "elapsed_s": round(result.elapsed_s, 1),
        "throughput_per_s": round(throughput(result), 1),
        "errors": dict(count_errors(result.turns)),
        "error_rate": round(error_rate(result.turns), 4),
        **summarize_latency(result.turns),
        "processes": {
            name: {
                **u.as_dict(),
                "cpu_ms_per_message": round(1000 * u.cpu_s / messages, 1) if messages else None,
            }
            for name, u in usage.items()
        },
    }


def compare(hiwar: dict[str, Any], stock: dict[str, Any]) -> dict[str, float | None]:
    """Hiwar against the stock bot: latency ratios and what a retrieval turn adds at p95."""
    question = hiwar["latency_by_kind"].get(QUESTION_KIND, {}).get("p95_ms")
    stock_p95 = stock["latency"]["p95_ms"]
    overhead = None if question is None or stock_p95 is None else round(question - stock_p95, 1)
    comparison = {
        "p50_ratio": _ratio_of(hiwar, stock, "p50_ms"),
        "p95_ratio": _ratio_of(hiwar, stock, "p95_ms"),
        "retrieval_adds_p95_ms": overhead,
    }
    if "single_user" in hiwar and "single_user" in stock:  # service time, without queueing
        alone = compare(hiwar["single_user"], stock["single_user"])
        comparison |= {f"single_user_{key}": value for key, value in alone.items()}
    return comparison


def question_over_greeting_p95(hiwar: dict[str, Any]) -> float | None:
    """p95 of question turns minus p95 of greetings, within Hiwar's own run.

    Both call a custom action (the greeting's welcome, the question's answer), so the
    difference is what retrieval and rendering add, with the queueing of the same load on
    both sides. The figure over the stock bot also holds Rasa's extra cost for a custom action.
    """
    kinds = hiwar["latency_by_kind"]
    question = kinds.get(QUESTION_KIND, {}).get("p95_ms")
    greeting = kinds.get(GREETING_KIND, {}).get("p95_ms")
    return None if question is None or greeting is None else round(question - greeting, 1)


def _ratio_of(hiwar: dict[str, Any], stock: dict[str, Any], key: str) -> float | None:
    ours, theirs = hiwar["latency"][key], stock["latency"][key]
    return None if ours is None or theirs is None else ratio(ours, theirs)


def check_targets(
    hiwar: dict[str, Any], comparison: dict[str, float | None] | None
) -> dict[str, bool | None]:
    """Issue 8's targets, each True/False, or None when this run cannot tell."""
    p95 = hiwar["latency"]["p95_ms"]
    overhead = comparison.get("retrieval_adds_p95_ms") if comparison else None
    return {
        "p95_le_150ms": None if p95 is None else p95 <= TARGET_P95_MS,
        "zero_errors": hiwar["messages"] > 0 and not hiwar["errors"],
        "throughput_ge_40_per_s": hiwar["throughput_per_s"] >= TARGET_THROUGHPUT_PER_S,
        "retrieval_adds_le_20ms_p95": (
            None if overhead is None else overhead <= TARGET_RETRIEVAL_OVERHEAD_P95_MS
        ),
    }
