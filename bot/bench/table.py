"""The benchmark report as a short plain-text table, for the terminal and the README."""

from __future__ import annotations

from typing import Any


def format_table(report: dict[str, Any]) -> str:
    """Latency and throughput per bot, the comparison, memory and CPU, and the targets."""
    results: dict[str, dict[str, Any]] = report["results"]
    lines = _latency_lines(results) + _kind_lines(results) + _single_user_lines(results)
    if comparison := report.get("comparison"):
        lines.append(
            f"hiwar / stock: p50 x{comparison['p50_ratio']}, p95 x{comparison['p95_ratio']}; "
            f"a question turn adds {comparison['retrieval_adds_p95_ms']} ms at p95 over stock"
        )
    if comparison and comparison.get("single_user_p95_ratio") is not None:
        lines.append(
            f"one user alone: p50 x{comparison['single_user_p50_ratio']}, "
            f"p95 x{comparison['single_user_p95_ratio']}; a question turn adds "
            f"{comparison['single_user_retrieval_adds_p95_ms']} ms at p95 over stock"
        )
    if (within := report.get("question_over_greeting_p95_ms")) is not None:
        lines.append(f"within hiwar: a question turn's p95 is {within} ms over a greeting's")
    lines += _process_lines(results)
    targets = report.get("targets", {})
    lines.append("targets: " + ", ".join(f"{k} {_verdict(v)}" for k, v in targets.items()))
    lines.extend(f"note: {note}" for note in report.get("notes", []))
    return "\n".join(lines)


def _latency_lines(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = [f"{'bot':<8}{'msgs':>7}{'errors':>8}{'msg/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}  ms"]
    for name, result in results.items():
        latency = result["latency"]
        lines.append(
            f"{name:<8}{result['messages']:>7}{sum(result['errors'].values()):>8}"
            f"{result['throughput_per_s']:>8.1f}{_ms(latency['p50_ms'])}"
            f"{_ms(latency['p95_ms'])}{_ms(latency['p99_ms'])}"
        )
    return lines


def _kind_lines(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = []
    for name, result in results.items():
        kinds = ", ".join(
            f"{kind} {_short(stats['p50_ms'])}/{_short(stats['p95_ms'])}"
            for kind, stats in result["latency_by_kind"].items()
        )
        lines.append(f"{name} p50/p95 ms by kind: {kinds}")
    return lines


def _single_user_lines(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = []
    for name, result in results.items():
        if alone := result.get("single_user"):
            kinds = ", ".join(
                f"{kind} {_short(stats['p50_ms'])}/{_short(stats['p95_ms'])}"
                for kind, stats in alone["latency_by_kind"].items()
            )
            lines.append(f"{name} alone (1 user, no queueing) p50/p95 ms: {kinds}")
    return lines


def _process_lines(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = [f"{'process':<22}{'RSS start':>10}{'end':>8}{'max':>8} MB{'CPU ms/msg':>12}"]
    for name, result in results.items():
        for process, usage in result["processes"].items():
            per_message = usage["cpu_ms_per_message"]
            lines.append(
                f"{name + '/' + process:<22}{usage['rss_start_mb']:>10.1f}"
                f"{usage['rss_end_mb']:>8.1f}{usage['rss_max_mb']:>8.1f}"
                f"{'-' if per_message is None else per_message:>15}"
            )
    return lines


def _ms(value: float | None) -> str:
    return f"{'-':>8}" if value is None else f"{value:>8.1f}"


def _short(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _verdict(value: bool | None) -> str:
    return "n/a" if value is None else ("met" if value else "MISSED")
