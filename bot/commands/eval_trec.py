"""``hiwar eval-trec``: MAP@10 / MRR@10 of the retrieval engine on a TREC-style collection."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.commands.encoder_option import add_encoder_option, retrieval_settings
from bot.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--corpus TSV --queries TSV --qrels FILE [--json] [--tune-queries TSV --tune-qrels FILE]."""
    parser.add_argument("--corpus", type=Path, required=True, help="id<TAB>text")
    parser.add_argument("--queries", type=Path, required=True, help="qid<TAB>question")
    parser.add_argument("--qrels", type=Path, required=True, help="qid Q0 docid rel")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--tune-queries", type=Path, help="queries to tune abstention on")
    parser.add_argument("--tune-qrels", type=Path, help="qrels of --tune-queries")
    parser.add_argument("--fusion", default="rrf", choices=["rrf", "weighted", "dense", "lexical"])
    add_encoder_option(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Index the corpus, run the queries, print MAP@10 and MRR@10."""
    from bot.retrieval.trec_report import evaluate_collection

    retrieval = retrieval_settings(args, settings)
    try:
        report = evaluate_collection(
            retrieval,
            args.corpus,
            args.queries,
            args.qrels,
            fusion_method=args.fusion,
            tune=(args.tune_queries, args.tune_qrels) if args.tune_queries else None,
        )
    except (OSError, ValueError) as error:
        print(f"hiwar eval-trec: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report))
        return 0
    for key, value in report.items():
        print(f"{key:28} {value}")
    return 0
