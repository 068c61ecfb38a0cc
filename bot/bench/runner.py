"""One benchmark run: the stock bot, then Hiwar, measured the same way, and the report.

The two systems run one after the other, never together, so neither steals the other's CPU;
each gets the same users, time limit and message budget, and a few unmeasured warm-up turns.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from dataclasses import asdict, dataclass
from typing import Any

from bot.bench.conversations import ConversationSource, hiwar_conversation, stock_conversation
from bot.bench.e2e import (
    ChatTarget,
    LoadLimits,
    LoadResult,
    gateway_target,
    rest_webhook_target,
    run_load,
    warm_up,
)
from bot.bench.hiwar_stack import BenchStack, free_port, prepare_bench_stack, running
from bot.bench.memory import ProcessUsage, UsageSampler
from bot.bench.report import (
    check_targets,
    compare,
    question_over_greeting_p95,
    summarize_latency,
    summarize_target,
)
from bot.bench.stock import ensure_stock_bot, stock_dir, stock_spec
from bot.process.rasa_project import RasaProject
from bot.process.supervisor import ChildSpec
from bot.settings import Settings

logger = logging.getLogger(__name__)

STOCK_NOTE = (
    "stock = the `rasa init` bot on Rasa's REST channel: no gateway hop, in-memory tracker "
    "store, no action server"
)
HIWAR_NOTE = "hiwar = gateway POST /api/chat -> Rasa (SQL tracker store) -> action server"


@dataclass(frozen=True)
class BenchOptions:
    """What the user asked for on the command line."""

    users: int = 20
    duration_s: float = 60.0
    max_messages: int | None = None
    rate_per_s: float = 40.0
    skip_stock: bool = False
    allow_stale_model: bool = False
    warmup_messages: int = 20
    single_user_s: float = 15.0  # one user alone first: service time without queueing

    @property
    def limits(self) -> LoadLimits:
        """The bounds of the measured load run."""
        return LoadLimits(self.users, self.duration_s, self.max_messages, self.rate_per_s)


@dataclass
class Measurement:
    """One bot measured: the load run, each process's usage, and the single-user probe."""

    result: LoadResult
    usage: dict[str, ProcessUsage]
    single_user: LoadResult | None

    def summary(self, note: str) -> dict[str, Any]:
        """The JSON-ready summary of this bot, with the machine's load at the end."""
        summary = summarize_target(self.result, self.usage, note)
        if self.single_user is not None:
            summary["single_user"] = summarize_latency(self.single_user.turns)
        return summary | {"load_avg_1m_after": _load()}


def measure(
    target: ChatTarget,
    conversations: ConversationSource,
    options: BenchOptions,
    pids: dict[str, int],
) -> Measurement:
    """Warm up, probe with one user, then run the load while sampling each process."""
    warm = warm_up(target, conversations, options.warmup_messages)
    if failed := [turn.error for turn in warm.turns if turn.error]:
        logger.warning("%s: %d warm-up turn(s) failed: %s", target.name, len(failed), failed[:3])
    single_user = None
    if options.single_user_s > 0:
        alone = LoadLimits(users=1, duration_s=options.single_user_s)
        single_user = asyncio.run(run_load(target, conversations, alone))
    logger.info("measuring %s: %s", target.name, options.limits)
    with UsageSampler(pids) as sampler:
        result = asyncio.run(run_load(target, conversations, options.limits))
    logger.info("%s: %d messages in %.1f s", target.name, len(result.turns), result.elapsed_s)
    return Measurement(result, sampler.summary(), single_user)


def bench_stock(settings: Settings, options: BenchOptions) -> dict[str, Any]:
    """Create the stock bot if needed, serve it, and measure it."""
    rasa_bin = RasaProject.from_settings(settings).rasa_bin
    model = ensure_stock_bot(settings, rasa_bin)
    port = free_port()
    with running([stock_spec(settings, rasa_bin, model, port)], stock_dir(settings)) as children:
        target = rest_webhook_target(f"http://127.0.0.1:{port}")
        pids = {"rasa": children[0].process.pid}
        measurement = measure(target, stock_conversation, options, pids)
    return measurement.summary(STOCK_NOTE)


def bench_hiwar(stack: BenchStack, specs: list[ChildSpec], options: BenchOptions) -> dict[str, Any]:
    """Start Hiwar's prepared stack in its private var/, and measure it through the gateway."""
    with running(specs, stack.settings.var_dir) as children:
        pids = {child.spec.name: child.process.pid for child in children}
        target = gateway_target(stack.gateway_url)
        measurement = measure(target, hiwar_conversation, options, pids)
    return measurement.summary(HIWAR_NOTE)


def run_benchmark(settings: Settings, options: BenchOptions) -> dict[str, Any]:
    """The whole benchmark: results per system, their comparison, and the targets."""
    report: dict[str, Any] = {
        "benchmark": "e2e",
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "load_avg_1m_before": _load()},
        "options": asdict(options),
        "results": {},
        "notes": [],
    }
    # First, so that a missing model fails before minutes of measuring the stock bot.
    stack, specs = prepare_bench_stack(settings, options.allow_stale_model)
    if not options.skip_stock:
        report["results"]["stock"] = bench_stock(settings, options)
    report["results"]["hiwar"] = bench_hiwar(stack, specs, options)
    hiwar, stock = report["results"]["hiwar"], report["results"].get("stock")
    report["comparison"] = compare(hiwar, stock) if stock else None
    report["question_over_greeting_p95_ms"] = question_over_greeting_p95(hiwar)
    report["targets"] = check_targets(hiwar, report["comparison"])
    report["notes"] = _notes(report, stack.stale_model, options)
    return report


def _notes(report: dict[str, Any], stale_model: bool, options: BenchOptions) -> list[str]:
    """What a reader must know to trust, or discount, the figures."""
    results = report["results"]
    notes = [result["note"] for result in results.values()]
    if stale_model:
        notes.append("Hiwar's model was trained from older nlu_data/ (--allow-stale-model)")
    if results["hiwar"]["elapsed_s"] < options.duration_s * 0.95:
        notes.append("the message budget ended the run before the time limit")
    load, cpus = report["machine"]["load_avg_1m_before"], report["machine"]["cpus"] or 1
    if load > cpus:
        notes.append(
            f"the machine was busy (load {load} on {cpus} CPUs): absolute figures are "
            "pessimistic; the ratio to the stock bot, measured in the same run, holds better"
        )
    return notes


def _load() -> float:
    """The machine's 1-minute load average: other work on a 2-core box skews every figure."""
    return round(os.getloadavg()[0], 2)
