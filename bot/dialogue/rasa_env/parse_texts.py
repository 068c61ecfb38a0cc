"""Parse texts with a trained Rasa model: run by the Rasa environment's Python, not ours.

Reads a JSON list of texts on stdin and writes one JSON object per text (intent,
confidence, ranking, entities) as a JSON list to the output file (Rasa and
TensorFlow print to stdout, so stdout cannot carry the result). Standard library and Rasa
only: the Rasa environment does not have our dependencies.

    .venv-rasa/bin/python bot/dialogue/rasa_env/parse_texts.py var/models/hiwar.tar.gz out.json < texts.json
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys


def _quiet() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    logging.disable(logging.WARNING)


async def _parse_all(model_path: str, texts: list[str]) -> list[dict]:
    from rasa.core.agent import Agent

    agent = Agent.load(model_path)
    results = []
    for text in texts:
        parsed = await agent.parse_message(text)
        ranking = parsed.get("intent_ranking") or []
        results.append(
            {
                "text": text,
                "intent": (parsed.get("intent") or {}).get("name"),
                "confidence": (parsed.get("intent") or {}).get("confidence"),
                "ranking": [[r["name"], r["confidence"]] for r in ranking[:5]],
                "entities": [[e["entity"], e["value"]] for e in parsed.get("entities", [])],
            }
        )
    return results


def main() -> int:
    _quiet()
    texts = json.load(sys.stdin)
    results = asyncio.run(_parse_all(sys.argv[1], texts))
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump(results, out, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
