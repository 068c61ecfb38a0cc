"""``hiwar kb validate``: check every knowledge file, print problems, exit 1 on errors."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `hiwar --help` imports every command module: keep this one light
    from bot.knowledge.confusable import Encode
    from bot.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``hiwar kb validate``."""
    parser.add_argument("--dir", type=Path, help="knowledge folder (default: settings)")
    parser.add_argument(
        "--no-confusable", action="store_true", help="skip the confusable-entries check"
    )
    parser.add_argument(
        "--max-approval-age-days",
        type=int,
        help="warn when the newest approval is older (default: settings)",
    )
    parser.add_argument("--verbose", action="store_true", help="list each draft entry")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print every problem and a summary; 1 if any is an error."""
    from bot.knowledge.loader import count_entry_files
    from bot.knowledge.validate import validate_knowledge

    directory = args.dir or settings.knowledge_dir
    encode = None if args.no_confusable else load_encoder(settings)
    max_age = args.max_approval_age_days
    problems = validate_knowledge(
        directory,
        approval_max_age_days=settings.approval_max_age_days if max_age is None else max_age,
        encode=encode,
        list_drafts=args.verbose,
    )
    for problem in problems:
        print(problem)
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    print(f"{count_entry_files(directory)} entries, {errors} errors, {warnings} warnings")
    return 1 if errors else 0


def load_encoder(settings: Settings) -> Encode | None:
    """The retrieval encoder as a texts -> vectors callable, or None if it is unavailable."""
    try:
        from bot.retrieval.encoders import build_encoder
    except ImportError as error:
        print(f"note: confusable-entries check skipped (no retrieval encoder: {error})")
        return None
    try:
        encoder = build_encoder(settings.retrieval)
        # phrasings are compared with each other, so all of them are encoded as queries
        encode: Encode = encoder.encode_queries
        encode(["warm-up"])  # encoders load lazily: fail here, not halfway through validation
    except Exception as error:  # an encoder that cannot load must not stop validation
        print(f"note: confusable-entries check skipped (encoder failed to load: {error})")
        return None
    return encode
