"""`hiwar bench e2e`: simulated chat users against Hiwar and against the stock Rasa bot."""

from __future__ import annotations

import argparse
import json
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:
    from bot.bench.runner import BenchOptions

MEMORY_RUN_TIME_LIMIT_S = 3600.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `hiwar bench e2e`."""
    parser.add_argument(
        "--users", type=int, default=20, help="concurrent simulated users (default 20)"
    )
    parser.add_argument(
        "--duration", type=float, default=None, help="time limit in seconds (default 60)"
    )
    parser.add_argument("--max-messages", type=int, default=None, help="message budget per bot")
    parser.add_argument(
        "--messages",
        type=int,
        default=None,
        help="memory run: send exactly N messages (e.g. 10000), time limit 1 h unless --duration",
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=40.0,
        help="offered load, messages/s across all users (default 40, the target); 0 = capacity",
    )
    parser.add_argument("--skip-stock", action="store_true", help="measure Hiwar only")
    parser.add_argument(
        "--allow-stale-model",
        action="store_true",
        help="benchmark the last trained model even if nlu_data/ changed since (no retraining)",
    )
    parser.add_argument("--json", action="store_true", help="print the JSON report, not the table")
    parser.add_argument("--out", type=Path, default=None, help="also write the JSON report here")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the benchmark, print the table (or JSON), and write the JSON report."""
    from bot.bench.hiwar_stack import ModelMissing
    from bot.bench.runner import run_benchmark
    from bot.bench.stock import StockBotError
    from bot.bench.table import format_table
    from bot.process.preparation import PreparationError
    from bot.process.supervisor import StartupError

    if args.users < 1 or (args.messages or 1) < 1 or (args.max_messages or 1) < 1:
        print("hiwar bench e2e: --users, --messages and --max-messages must be at least 1")
        return 2
    options = bench_options(args)
    _interrupt_on(signal.SIGTERM, signal.SIGINT)
    try:
        report = run_benchmark(settings, options)
    except (ModelMissing, PreparationError, StartupError, StockBotError) as error:
        print(f"hiwar bench e2e: {error}")
        return 1
    except KeyboardInterrupt:
        print("hiwar bench e2e: interrupted; every process it started is stopped")
        return 130
    text = json.dumps(report, indent=2, ensure_ascii=False)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    print(text if args.json else format_table(report))
    return 0


def bench_options(args: argparse.Namespace) -> BenchOptions:
    """The run's bounds; a memory run (--messages) is bounded by its count, not by a minute."""
    from bot.bench.runner import BenchOptions

    memory_run = args.messages is not None
    return BenchOptions(
        users=args.users,
        duration_s=args.duration or (MEMORY_RUN_TIME_LIMIT_S if memory_run else 60.0),
        max_messages=args.messages if memory_run else args.max_messages,
        rate_per_s=args.rate,
        skip_stock=args.skip_stock,
        allow_stale_model=args.allow_stale_model,
    )


def _interrupt_on(*signals: signal.Signals) -> None:
    """Turn the signals into KeyboardInterrupt, so the children are stopped on the way out.

    A benchmark started in the background inherits an ignored SIGINT, and SIGTERM would end
    Python without running ``finally``: either way Rasa and friends would be left running.
    """

    def interrupt(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    for sig in signals:
        signal.signal(sig, interrupt)
