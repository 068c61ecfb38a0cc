"""The ``hiwar eval`` use case: evaluate (and optionally calibrate) on a question set.

Calibration is fitted on half of the set (a stable split by question text) and
reported on the other, held-out half beside the whole set, so the thresholds'
figures say honestly how they generalise.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.knowledge.model import Entry
from bot.retrieval.calibrate import calibrate
from bot.retrieval.calibration import Calibration
from bot.retrieval.encoders import CachedQueryEncoder, Encoder
from bot.retrieval.evaluate import (
    Question,
    by_language,
    cross_lingual,
    metrics,
    run_questions,
    worst_confusions,
)
from bot.retrieval.knowledge_search import NO_AIDS, SearchAids, knowledge_index

JSON_KEYS = ("recall@1", "recall@3", "mrr@10", "abstain_precision", "abstain_recall", "n")


def split_for_calibration(questions: Sequence[Question]) -> tuple[list[Question], list[Question]]:
    """A stable half/half split (fit, held out) decided by a hash of each question."""
    fit: list[Question] = []
    held_out: list[Question] = []
    for question in questions:
        digest = hashlib.sha256(question.question.encode()).digest()
        (fit if digest[0] % 2 == 0 else held_out).append(question)
    return fit, held_out


def evaluate_set(
    entries: Sequence[Entry],
    encoder: Encoder,
    calibration: Calibration,
    questions: Sequence[Question],
    aids: SearchAids = NO_AIDS,
) -> dict[str, Any]:
    """Full report: per language, cross-lingual, worst confusions."""
    encoder = CachedQueryEncoder(encoder)
    index = knowledge_index(entries, encoder, aids)
    index.fusion = calibration.fusion
    outcomes = run_questions(index, questions, calibration)
    report: dict[str, Any] = dict(by_language(outcomes))
    report["cross_lingual"] = cross_lingual(entries, encoder, questions, calibration, aids)
    report["worst_confusions"] = worst_confusions(outcomes)
    report["encoder"] = encoder.name
    report["fusion"] = calibration.fusion.to_dict()
    report["thresholds"] = calibration.to_dict()["thresholds"]
    return report


def calibrate_on_set(
    entries: Sequence[Entry],
    encoder: Encoder,
    base: Calibration,
    questions: Sequence[Question],
    set_path: Path,
    aids: SearchAids = NO_AIDS,
) -> Calibration:
    """Fit fusion and thresholds on half the set; record fit, held-out and full figures."""
    encoder = CachedQueryEncoder(encoder)
    fit, held_out = split_for_calibration(questions)
    index = knowledge_index(entries, encoder, aids)
    chosen, grid = calibrate(index, fit, replace(base, encoder=encoder.name))
    figures = {
        "dev_set": str(set_path),
        "calibrated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "n_entries": len(entries),
        "fit": metrics(run_questions(index, fit, chosen)),
        "held_out": metrics(run_questions(index, held_out, chosen)),
        "all": by_language(run_questions(index, questions, chosen)),
        "cross_lingual": cross_lingual(entries, encoder, questions, chosen, aids),
        "fusion_grid": grid,
    }
    return replace(
        chosen,
        source="hiwar eval --calibrate",
        figures=figures,
        note="Thresholds fitted on the 'fit' half of dev_set; 'held_out' is the other half.",
    )


def format_report(report: dict[str, Any]) -> str:
    """Human-readable table of the report."""
    lines = [f"encoder {report['encoder']}, fusion {report['fusion']}"]
    lines.append(f"thresholds {report['thresholds']}")
    header = f"{'':14}" + "".join(f"{key:>20}" for key in (*JSON_KEYS, "wrongly_abstained"))
    lines.append(header)
    for group in ("overall", "ar", "en", "cross_lingual"):
        row = report[group]
        cells = "".join(f"{_cell(row.get(key)):>20}" for key in (*JSON_KEYS, "wrongly_abstained"))
        lines.append(f"{group:14}{cells}")
    lines.append("worst confusions (expected -> got, count, example):")
    for mistake in report["worst_confusions"]:
        lines.append(
            f"  {mistake['expected']} -> {mistake['got']} x{mistake['count']}: {mistake['example']}"
        )
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)
