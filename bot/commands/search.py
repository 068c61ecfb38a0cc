"""``hiwar search "text"``: what the bot would find and decide for a message."""

from __future__ import annotations

import argparse
import json
import sys

from bot.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """TEXT [-k N] [--json] [--strict]."""
    parser.add_argument("text", help="the message to search for")
    parser.add_argument("-k", type=int, default=5, help="how many entries to list")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--strict", action="store_true", help="use the strict threshold")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the decision and the ranked entries with their matched phrasing."""
    from bot.knowledge.errors import KnowledgeError
    from bot.knowledge.loader import load_knowledge
    from bot.retrieval.knowledge_search import KnowledgeSearcher

    try:
        kb = load_knowledge(settings.knowledge_dir)
    except KnowledgeError as error:
        print(f"hiwar search: knowledge has errors\n{error}", file=sys.stderr)
        return 1
    searcher = KnowledgeSearcher.from_settings(settings, kb)
    decision = searcher.decide(args.text, strict=args.strict)
    hits = searcher.rank(args.text, k=args.k)
    if args.json:
        payload = {
            "decision": decision.kind,
            "lang": decision.lang,
            "candidates": [c.__dict__ for c in decision.candidates],
            "hits": [hit.__dict__ for hit in hits],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(f"decision: {decision.kind} (answer in {decision.lang})")
    for rank, hit in enumerate(hits, start=1):
        print(f"{rank:2}. {hit.score:.3f}  {hit.id:34} {hit.matched_text[:70]!r}")
    return 0
