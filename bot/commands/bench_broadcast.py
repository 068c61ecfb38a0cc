"""``hiwar bench broadcast``: deliver to N fake subscribers through the fake Bot API."""

from __future__ import annotations

import argparse
import json

from bot.settings import Settings

DEFAULT_SUBSCRIBERS = 10_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """[--subscribers N] [--rate MSG_PER_S] [--json]."""
    parser.add_argument("--subscribers", type=int, default=DEFAULT_SUBSCRIBERS)
    parser.add_argument(
        "--rate", type=float, default=None, help="messages per second (default: the setting)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the benchmark, print its figures; exit 1 if any message was lost or duplicated."""
    from bot.outreach.bench import run_broadcast_bench

    if args.subscribers < 1 or (args.rate is not None and args.rate <= 0):
        print("hiwar bench broadcast: --subscribers and --rate must be positive")
        return 2
    rate = args.rate or settings.telegram.broadcast_rate_per_s
    result = run_broadcast_bench(args.subscribers, rate)
    if args.json:
        print(json.dumps(result.as_dict()))
    else:
        for key, value in result.as_dict().items():
            print(f"{key:20} {value}")
    return 0 if result.lost == 0 and result.duplicated == 0 else 1
