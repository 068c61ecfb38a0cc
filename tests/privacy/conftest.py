"""Fixtures for the privacy jobs: our database (both backends) and a tracker store file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.settings import Settings


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """Settings whose tracker store is a fresh SQLite file and whose database is the test's."""
    return Settings(
        var_dir=tmp_path,
        database_url=database_url,
        retention_days=30,
        pseudonym_key=SecretStr("test-pseudonym-key"),
    )
