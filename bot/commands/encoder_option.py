"""The `--encoder` option shared by the retrieval commands (eval, eval-trec, bench retrieval)."""

from __future__ import annotations

import argparse

from bot.settings import ENCODER_NAMES, RetrievalSettings, Settings


def add_encoder_option(parser: argparse.ArgumentParser) -> None:
    """`--encoder NAME`: compare encoders without editing settings."""
    parser.add_argument(
        "--encoder",
        default=None,
        choices=ENCODER_NAMES,
        help="override the configured encoder (to compare encoders)",
    )


def retrieval_settings(args: argparse.Namespace, settings: Settings) -> RetrievalSettings:
    """The configured retrieval settings, with the encoder from `--encoder` if given."""
    if args.encoder:
        return settings.retrieval.model_copy(update={"encoder": args.encoder})
    return settings.retrieval
