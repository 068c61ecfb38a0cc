"""Settings pointing at a temporary var/ and knowledge/ directory, and fake services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.dialogue.services import Services, set_services
from bot.settings import Settings, get_settings
from tests.dialogue.fakes import FakeSearcher, make_services


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """get_settings() returns settings whose var/ and knowledge/ are temporary."""
    (tmp_path / "knowledge").mkdir()
    monkeypatch.setenv("HIWAR_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("HIWAR_KNOWLEDGE_DIR", str(tmp_path / "knowledge"))
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
