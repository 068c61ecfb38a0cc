"""Suite-wide fixtures: the shipped Rasa model, trained once per run and shared.

Database fixtures (SQLite and PostgreSQL, see tests/store/databases.py) are registered for the
whole suite here, so each test package uses them without re-exporting them.
"""

from __future__ import annotations

import pytest

from bot.process.rasa_project import RasaProject
from bot.process.training import TrainingResult, ensure_model
from bot.settings import Settings

pytest_plugins = ("tests.store.databases",)


@pytest.fixture(scope="session")
def trained_model() -> TrainingResult:
    """The shipped model under var/models, trained only if nlu_data/ changed since last time."""
    settings = Settings()
    return ensure_model(RasaProject.from_settings(settings), settings)
