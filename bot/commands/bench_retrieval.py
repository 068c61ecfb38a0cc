"""``hiwar bench retrieval``: query latency, index build time, flat vs HNSW crossover."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from bot.commands.encoder_option import add_encoder_option, retrieval_settings
from bot.settings import Settings

SYNTHETIC_ENTRIES = 10_000
CROSSOVER_SIZES = (1_000, 10_000, 50_000, 200_000)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """[--json] [--synthetic N] [--skip-crossover] [--encoder NAME]."""
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--synthetic", type=int, default=SYNTHETIC_ENTRIES, help="entries (0 = skip)"
    )
    parser.add_argument("--skip-crossover", action="store_true", help="skip flat vs HNSW")
    add_encoder_option(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Measure and print."""
    from bot.knowledge.errors import KnowledgeError
    from bot.knowledge.loader import load_knowledge

    retrieval = retrieval_settings(args, settings)
    try:
        kb = load_knowledge(settings.knowledge_dir)
    except KnowledgeError as error:
        print(f"hiwar bench retrieval: knowledge has errors\n{error}", file=sys.stderr)
        return 1
    report = measure(settings.model_copy(update={"retrieval": retrieval}), kb, args)
    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key:24} {value}")
    return 0


def measure(settings: Settings, kb: Any, args: argparse.Namespace) -> dict[str, Any]:
    """Every figure of the benchmark as one dict."""
    from bot.retrieval.bench import flat_vs_hnsw, query_latency, synthetic_entries, timed_build
    from bot.retrieval.calibration import load_calibration
    from bot.retrieval.encoders import build_encoder
    from bot.retrieval.knowledge_search import KnowledgeSearcher, SearchAids

    encoder = build_encoder(settings.retrieval)
    encoder.encode_queries(["warm up the model"])
    entries = kb.servable(settings.serves_drafts)
    index, shipped_seconds = timed_build(entries, encoder, SearchAids.of(kb))
    searcher = KnowledgeSearcher(
        index, load_calibration(settings.retrieval.calibration_file, encoder.name)
    )
    queries = [q for entry in entries for lang in ("ar", "en") for q in entry.questions[lang]]
    report: dict[str, Any] = {
        "encoder": encoder.name,
        "shipped_entries": len(entries),
        "shipped_units": index.config["n_units"],
        "shipped_build_s": round(shipped_seconds, 2),
        "decide_latency": query_latency(searcher.decide, queries),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    if args.synthetic:
        big, seconds = timed_build(
            synthetic_entries(entries, args.synthetic), encoder, SearchAids.of(kb)
        )
        report["synthetic_entries"] = args.synthetic
        report["synthetic_units"] = big.config["n_units"]
        report["synthetic_build_s"] = round(seconds, 1)
        report["synthetic_decide_latency"] = query_latency(big.search, queries[:200])
    if not args.skip_crossover:
        report["flat_vs_hnsw"] = flat_vs_hnsw(index.config["dim"], CROSSOVER_SIZES)
    return report
