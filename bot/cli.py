"""The ``hiwar`` console command: one entry point, one module per subcommand.

Each subcommand lives in ``bot/commands/<name>.py`` and exposes
``add_arguments(parser)`` and ``run(args, settings) -> int``. Modules are imported
only when their subcommand runs, so ``hiwar --help`` stays instant and nothing
heavy (encoders, databases) is touched at import time.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

# (command path, module, one-line help)
COMMANDS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("run",), "bot.commands.run", "start Rasa, the action server and the gateway (make run)"),
    (("train",), "bot.commands.train", "train the Rasa model if its inputs changed"),
    (("chat",), "bot.commands.chat", "talk to the running bot in this terminal"),
    (
        ("kb", "validate"),
        "bot.commands.kb_validate",
        "check every knowledge file; exit 1 on errors",
    ),
    (("kb", "build"), "bot.commands.kb_build", "build the retrieval index if it is stale"),
    (("kb", "gaps"), "bot.commands.kb_gaps", "group unanswered questions: what to write next"),
    (("focal-point",), "bot.commands.focal_point", "add, list or revoke focal points and tokens"),
    (("privacy", "purge"), "bot.commands.privacy_purge", "delete events past the retention period"),
    (
        ("privacy", "export"),
        "bot.commands.privacy_export",
        "print one person's stored data as JSON",
    ),
    (("search",), "bot.commands.search", "search the knowledge base from the terminal"),
    (("eval",), "bot.commands.eval", "evaluate retrieval on a JSON Lines question set"),
    (("eval-trec",), "bot.commands.eval_trec", "evaluate retrieval on a TREC-style collection"),
    (("bench", "retrieval"), "bot.commands.bench_retrieval", "retrieval latency and build time"),
    (("bench", "e2e"), "bot.commands.bench_e2e", "end-to-end chat benchmark against stock Rasa"),
    (("bench", "broadcast"), "bot.commands.bench_broadcast", "broadcast 10,000 messages"),
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser; subcommand modules add their own options."""
    parser = argparse.ArgumentParser(
        prog="hiwar",
        description="Hiwar: bilingual outreach assistant — run, train, chat, evaluate.",
    )
    top = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    groups: dict[str, argparse._SubParsersAction] = {}
    for path, module_name, help_text in COMMANDS:
        container = top
        if len(path) == 2:
            if path[0] not in groups:
                group = top.add_parser(path[0], help=f"{path[0]} subcommands")
                groups[path[0]] = group.add_subparsers(metavar="SUBCOMMAND", required=True)
            container = groups[path[0]]
        sub = container.add_parser(path[-1], help=help_text, description=help_text)
        sub.set_defaults(_module=module_name)
        _add_module_arguments(sub, module_name)
    return parser


def _add_module_arguments(parser: argparse.ArgumentParser, module_name: str) -> None:
    """Let the subcommand module declare its options, if it is installed."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        parser.set_defaults(_missing=True)
        return
    module.add_arguments(parser)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, load settings once, and run the chosen subcommand."""
    args = build_parser().parse_args(argv)
    if getattr(args, "_missing", False):
        print(f"hiwar: {args._module} is not available in this build", file=sys.stderr)
        return 2
    from pydantic import ValidationError

    from bot.settings import get_settings

    try:
        settings = get_settings()
    except ValidationError as error:
        print(f"hiwar: invalid configuration:\n{error}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for noisy in ("httpx", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    module = importlib.import_module(args._module)
    return int(module.run(args, settings) or 0)


if __name__ == "__main__":
    sys.exit(main())
