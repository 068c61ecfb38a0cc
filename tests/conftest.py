"""Suite-wide fixtures: the shipped Rasa model, trained once per run and shared."""

from __future__ import annotations

import pytest

from bot.process.rasa_project import RasaProject
from bot.process.training import TrainingResult, ensure_model
from bot.settings import Settings


@pytest.fixture(scope="session")
def trained_model() -> TrainingResult:
    """The shipped model under var/models, trained only if nlu_data/ changed since last time."""
    settings = Settings()
    return ensure_model(RasaProject.from_settings(settings), settings)
