"""``hiwar kb gaps``: the questions the bot could not answer, grouped — what to write next."""

from __future__ import annotations

import argparse
import json
import logging

from bot.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``hiwar kb gaps``."""
    parser.add_argument("--json", action="store_true", help="print the groups as JSON")
    parser.add_argument("--limit", type=int, default=20, help="how many groups to show (20)")
    parser.add_argument("--examples", type=int, default=3, help="examples per group (3)")
    parser.add_argument(
        "--threshold", type=float, default=None, help="cosine similarity to join a group (0.6)"
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Group unlinked queued questions with the retrieval encoder and print the largest groups."""
    logging.getLogger("alembic").setLevel(logging.WARNING)  # set before alembic is imported
    from dataclasses import asdict

    from bot.retrieval.encoders import build_encoder
    from bot.review_queue.gaps import find_gaps, format_gaps
    from bot.review_queue.grouping import DEFAULT_THRESHOLD
    from bot.store.engine import build_session_factory, session_scope
    from bot.store.migrate import upgrade_to_head

    upgrade_to_head(settings)
    encoder = build_encoder(settings.retrieval)
    with session_scope(build_session_factory(settings)) as session:
        report = find_gaps(
            session, encoder.encode_queries, limit=args.limit, examples=args.examples,
            threshold=args.threshold if args.threshold is not None else DEFAULT_THRESHOLD,
        )  # fmt: skip
    if args.json:
        print(json.dumps([asdict(group) for group in report.groups], ensure_ascii=False, indent=2))
    else:
        print(format_gaps(report))
    return 0
