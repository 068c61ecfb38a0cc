"""Settings pointing at a temporary var/, knowledge/ and migrated database; fake services."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.dialogue.services import Services, Store, get_store, set_services
from bot.settings import Settings, get_settings
from bot.store.migrate import upgrade_url
from tests.dialogue.fakes import FakeSearcher, make_services


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file at the newest schema, migrated once and copied for each test."""
    path = tmp_path_factory.mktemp("schema") / "hiwar.db"
    upgrade_url(f"sqlite:///{path}")
    return path


@pytest.fixture
def settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_database: Path
) -> Iterator[Settings]:
    """get_settings() returns settings whose var/, knowledge/ and database are temporary."""
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "var").mkdir()
    database = tmp_path / "var" / "hiwar.db"
    shutil.copyfile(migrated_database, database)
    monkeypatch.setenv("HIWAR_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("HIWAR_KNOWLEDGE_DIR", str(tmp_path / "knowledge"))
    monkeypatch.setenv("HIWAR_DATABASE_URL", f"sqlite:///{database}")
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


@pytest.fixture
def searcher() -> FakeSearcher:
    return FakeSearcher()


@pytest.fixture
def services(settings: Settings, searcher: FakeSearcher) -> Iterator[Services]:
    """Fake services installed as the process-wide ones."""
    prepared = make_services(settings, searcher)
    set_services(prepared)
    yield prepared
    set_services(None)


@pytest.fixture
def store(settings: Settings) -> Store:
    """The process-wide store, on this test's database."""
    return get_store()


@pytest.fixture
def unmigrated_database(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The configured database exists but has no tables: every write fails."""
    monkeypatch.setenv("HIWAR_DATABASE_URL", f"sqlite:///{settings.var_dir / 'empty.db'}")
    get_settings.cache_clear()
