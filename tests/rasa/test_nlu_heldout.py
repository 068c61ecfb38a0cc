"""The trained model on the held-out split it never saw: the targets of issue 4."""

from __future__ import annotations

import json

import pytest

from bot.dialogue.nlu_eval import configured_threshold, evaluate_heldout
from bot.process.training import TrainingResult
from bot.settings import PROJECT_ROOT

pytestmark = [pytest.mark.integration, pytest.mark.timeout(1200)]


def test_heldout_macro_f1_crisis_recall_and_false_crisis(trained_model: TrainingResult) -> None:
    report, _ = evaluate_heldout(
        trained_model.model_path,
        PROJECT_ROOT / "nlu_data" / "heldout",
        PROJECT_ROOT / ".venv-rasa" / "bin" / "python",
        configured_threshold(PROJECT_ROOT / "nlu_data" / "config.yml"),
    )
    print(json.dumps(report, indent=2))
    for lang, figures in report.items():
        assert figures["macro_f1"] >= 0.90, (lang, figures)
        assert figures["crisis_caught"] >= 0.95, (lang, figures)
        # A question about zakat or a verse on war must not get the helplines instead.
        assert figures["false_crisis"] <= 0.03, (lang, figures)
