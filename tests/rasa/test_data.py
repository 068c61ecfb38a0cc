"""`rasa data validate` and the conversation tests, both languages, every flow."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.process.rasa_project import RasaProject
from bot.process.training import TrainingResult
from bot.settings import PROJECT_ROOT
from tests.rasa.conftest import run_rasa

pytestmark = [pytest.mark.integration, pytest.mark.timeout(1800)]


def test_training_data_is_valid(rasa_project: RasaProject, tmp_path: Path) -> None:
    completed = run_rasa(
        ["data", "validate", "--config", str(rasa_project.config), "--domain", str(rasa_project.domain),
         "--data", *map(str, rasa_project.data_dirs)],
        cwd=tmp_path,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]


def test_conversation_tests_pass_end_to_end(
    rasa_project: RasaProject, trained_model: TrainingResult, tmp_path: Path
) -> None:
    """--e2e: the user texts go through the model's NLU too, not just the story intents."""
    completed = run_rasa(
        ["test", "core", "--e2e", "--stories", str(PROJECT_ROOT / "nlu_data" / "tests"),
         "--model", str(trained_model.model_path), "--fail-on-prediction-errors",
         "--no-plot", "--out", str(tmp_path / "results")],
        cwd=tmp_path,
    )  # fmt: skip
    failed = tmp_path / "results" / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else completed.stderr[-3000:]
    assert completed.returncode == 0, details
