"""``hiwar kb build``: build the retrieval index if the knowledge or encoder changed."""

from __future__ import annotations

import argparse
import sys

from bot.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """[--force]."""
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Build when stale; print the index path and the time it took."""
    from bot.knowledge.errors import KnowledgeError
    from bot.knowledge.loader import load_knowledge
    from bot.retrieval.builds import build_if_stale
    from bot.retrieval.encoders import build_encoder

    try:
        kb = load_knowledge(settings.knowledge_dir)
    except KnowledgeError as error:
        print(
            f"hiwar kb build: knowledge has errors, run `hiwar kb validate`\n{error}",
            file=sys.stderr,
        )
        return 1
    result = build_if_stale(
        kb,
        build_encoder(settings.retrieval),
        settings.var_dir / "index",
        settings.serves_drafts,
        force=args.force,
    )
    verb = "built" if result.built else "up to date"
    print(f"{verb}: {result.path} ({result.n_units} units, {result.seconds:.2f} s)")
    if result.built:
        print(f"reason: {result.reason}")
    return 0
