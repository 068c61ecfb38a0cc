"""``hiwar eval``: retrieval quality on a JSON Lines question set, optionally calibrating."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.commands.encoder_option import add_encoder_option, retrieval_settings
from bot.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--set FILE [--kb DIR] [--json] [--calibrate] [--encoder NAME]."""
    parser.add_argument("--set", dest="question_set", type=Path, required=True)
    parser.add_argument(
        "--kb", type=Path, default=None, help="knowledge folder (default: settings)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--calibrate", action="store_true", help="fit thresholds and write the calibration file"
    )
    add_encoder_option(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Evaluate (and calibrate) the knowledge retrieval on the question set."""
    from bot.knowledge.errors import KnowledgeError
    from bot.knowledge.loader import load_knowledge
    from bot.retrieval.calibration import load_calibration, save_calibration
    from bot.retrieval.encoders import build_encoder
    from bot.retrieval.eval_report import (
        JSON_KEYS,
        calibrate_on_set,
        evaluate_set,
        format_report,
    )
    from bot.retrieval.evaluate import load_question_set
    from bot.retrieval.knowledge_search import SearchAids

    retrieval = retrieval_settings(args, settings)
    try:
        questions = load_question_set(args.question_set)
        kb = load_knowledge(args.kb or settings.knowledge_dir)
    except (OSError, ValueError, KnowledgeError) as error:
        print(f"hiwar eval: {error}", file=sys.stderr)
        return 1
    entries = kb.servable(settings.serves_drafts)
    encoder = build_encoder(retrieval)
    calibration = load_calibration(retrieval.calibration_file, encoder.name)
    if args.calibrate:
        calibration = calibrate_on_set(
            entries, encoder, calibration, questions, args.question_set, SearchAids.of(kb)
        )
        figures = {**calibration.figures, "knowledge_content_hash": kb.content_hash}
        calibration = replace(calibration, figures=figures)
        save_calibration(calibration, retrieval.calibration_file)
        print(f"calibration written to {retrieval.calibration_file}", file=sys.stderr)
    report = evaluate_set(entries, encoder, calibration, questions, SearchAids.of(kb))
    print(_as_json(report, JSON_KEYS) if args.json else format_report(report))
    return 0


def _as_json(report: dict[str, Any], keys: tuple[str, ...]) -> str:
    return json.dumps({key: report["overall"][key] for key in keys})
