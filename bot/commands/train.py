"""`hiwar train`: train the Rasa model if its inputs changed."""

from __future__ import annotations

import argparse

from bot.process.rasa_project import RasaProject
from bot.process.training import TrainingError, ensure_model
from bot.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `hiwar train`."""
    parser.add_argument("--force", action="store_true", help="train even if nothing changed")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Train (or reuse) the model and say which."""
    try:
        result = ensure_model(RasaProject.from_settings(settings), settings, force=args.force)
    except TrainingError as error:
        print(f"hiwar train: {error}")
        return 1
    verb = f"trained in {result.seconds:.0f} s" if result.trained else "reused (inputs unchanged)"
    print(f"model {result.model_path}: {verb}")
    return 0
