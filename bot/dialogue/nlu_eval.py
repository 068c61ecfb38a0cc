"""Held-out NLU evaluation: intent macro-F1 per language and crisis recall.

The held-out files (``nlu_data/heldout/{ar,en}.yml``) are never passed to training.
Predictions come from the trained model run in the Rasa environment
(``rasa_env/parse_texts.py``); the metrics are computed here, in plain Python.

    .venv/bin/python -m bot.dialogue.nlu_eval --model var/models/hiwar.tar.gz
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.settings import PROJECT_ROOT

FALLBACK = "nlu_fallback"
_ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)")


@dataclass(frozen=True)
class Example:
    """One held-out message and its gold intent."""

    text: str
    intent: str


@dataclass(frozen=True)
class Prediction:
    """The model's top intent below the fallback, its confidence, and the raw top intent."""

    intent: str
    confidence: float
    raw_intent: str


def read_examples(path: Path) -> list[Example]:
    """The examples of a Rasa NLU YAML file, entity annotations removed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples = []
    for block in data.get("nlu", []):
        if "intent" not in block:
            continue
        for line in str(block["examples"]).splitlines():
            text = line.strip().removeprefix("- ").strip()
            if text:
                examples.append(Example(_ANNOTATION.sub(r"\1", text), block["intent"]))
    return examples


def from_parse(result: dict) -> Prediction:
    """A Prediction from parse_texts output: the best real intent under any fallback."""
    ranking = [name for name, _ in result["ranking"] if name != FALLBACK]
    confidences = {name: conf for name, conf in result["ranking"]}
    intent = ranking[0] if ranking else result["intent"]
    return Prediction(intent, float(confidences.get(intent, 0.0)), result["intent"])


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Unweighted mean of per-intent F1 over the intents present in the gold labels."""
    scores = []
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def recall(gold: Sequence[str], predicted: Sequence[str], label: str) -> float:
    """Share of the gold ``label`` examples predicted as ``label``."""
    pairs = [(g, p) for g, p in zip(gold, predicted, strict=True) if g == label]
    return sum(g == p for g, p in pairs) / len(pairs) if pairs else 1.0


def gets_crisis_response(result: dict, threshold: float) -> bool:
    """Crisis on top, or (the safety net) below the threshold with crisis in the top two
    intents: either way the user gets the crisis response (bot.dialogue.safety)."""
    ranked = [(name, conf) for name, conf in result["ranking"] if name != FALLBACK]
    top, confidence = ranked[0]
    return top == "crisis" or (
        confidence < threshold and "crisis" in [name for name, _ in ranked[:2]]
    )


def crisis_caught(examples: list[Example], results: list[dict], threshold: float) -> float:
    """Crisis recall counting the safety net."""
    caught = [
        gets_crisis_response(result, threshold)
        for example, result in zip(examples, results, strict=True)
        if example.intent == "crisis"
    ]
    return sum(caught) / len(caught) if caught else 1.0


def false_crisis(examples: list[Example], results: list[dict], threshold: float) -> float:
    """Share of other messages that would get the crisis response (a question about zakat
    answered with helplines is a failure too, if a smaller one)."""
    wrong = [
        gets_crisis_response(result, threshold)
        for example, result in zip(examples, results, strict=True)
        if example.intent != "crisis"
    ]
    return sum(wrong) / len(wrong) if wrong else 0.0


def parse_with_model(model: Path, texts: list[str], rasa_python: Path) -> list[dict]:
    """Run rasa_env/parse_texts.py in the Rasa environment over the texts."""
    script = Path(__file__).parent / "rasa_env" / "parse_texts.py"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "parsed.json"
        subprocess.run(
            [str(rasa_python), str(script), str(model), str(out)],
            input=json.dumps(texts), capture_output=True, text=True, check=True, timeout=900,
        )  # fmt: skip
        return json.loads(out.read_text(encoding="utf-8"))


def evaluate(examples: list[Example], results: list[dict], threshold: float) -> dict[str, float]:
    """Macro-F1, crisis recall, and how often the fallback threshold would fire."""
    predictions = [from_parse(result) for result in results]
    gold = [example.intent for example in examples]
    intents = [p.intent for p in predictions]
    return {
        "examples": len(examples),
        "macro_f1": round(macro_f1(gold, intents), 4),
        "crisis_recall": round(recall(gold, intents, "crisis"), 4),
        "crisis_caught": round(crisis_caught(examples, results, threshold), 4),
        "false_crisis": round(false_crisis(examples, results, threshold), 4),
        "accuracy": round(sum(g == p for g, p in zip(gold, intents, strict=True)) / len(gold), 4),
        "below_threshold": round(sum(p.confidence < threshold for p in predictions) / len(gold), 4),
    }


def evaluate_heldout(
    model: Path, heldout: Path, rasa_python: Path, threshold: float
) -> tuple[dict[str, dict[str, float]], dict[str, list[dict]]]:
    """Figures per language and every prediction, from one load of the model."""
    examples = {lang: read_examples(heldout / f"{lang}.yml") for lang in ("ar", "en")}
    texts = [e.text for lang in examples for e in examples[lang]]
    results = iter(parse_with_model(model, texts, rasa_python))
    report, dump = {}, {}
    for lang, chosen in examples.items():
        mine = [next(results) for _ in chosen]
        report[lang] = evaluate(chosen, mine, threshold)
        dump[lang] = [dict(r, gold=e.intent) for e, r in zip(chosen, mine, strict=True)]
    return report, dump


def configured_threshold(config: Path) -> float:
    """The FallbackClassifier threshold in the Rasa config (the figure the bot runs with)."""
    pipeline = yaml.safe_load(config.read_text(encoding="utf-8"))["pipeline"]
    return float(next(c["threshold"] for c in pipeline if c["name"] == "FallbackClassifier"))


def main(argv: Sequence[str] | None = None) -> int:
    """Print the held-out figures as JSON (and optionally dump every prediction)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=PROJECT_ROOT / "var/models/hiwar.tar.gz")
    parser.add_argument("--heldout", type=Path, default=PROJECT_ROOT / "nlu_data/heldout")
    parser.add_argument("--rasa-python", type=Path, default=PROJECT_ROOT / ".venv-rasa/bin/python")
    parser.add_argument("--threshold", type=float, help="default: the one in nlu_data/config.yml")
    parser.add_argument("--dump", type=Path, help="write every prediction to this JSON file")
    args = parser.parse_args(argv)
    threshold = args.threshold or configured_threshold(PROJECT_ROOT / "nlu_data" / "config.yml")
    report, dump = evaluate_heldout(args.model, args.heldout, args.rasa_python, threshold)
    if args.dump:
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
