from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.dialogue import services as services_module
from bot.dialogue.services import Services, knowledge_stamp
from tests.dialogue.fakes import FakeSearcher, make_knowledge


def test_refresh_reloads_knowledge_only_when_files_change(
    services: Services, searcher: FakeSearcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[int] = []

    def fake_load(settings: object, quran: object) -> object:
        loads.append(1)
        return make_knowledge()

    monkeypatch.setattr(services_module, "_load_knowledge", fake_load)
    services.refresh()
    assert (searcher.reloads, loads) == (1, [])
    entry = Path(services.settings.knowledge_dir) / "new.yaml"
    entry.write_text("id: new\n")
    services.refresh()
    assert loads == [1] and services.knowledge_stamp == knowledge_stamp(
        services.settings.knowledge_dir
    )


def test_a_broken_edit_keeps_the_previous_knowledge(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = services.knowledge

    def broken(settings: object, quran: object) -> object:
        raise ValueError("bad yaml")

    monkeypatch.setattr(services_module, "_load_knowledge", broken)
    (Path(services.settings.knowledge_dir) / "bad.yaml").write_text(":")
    services.refresh()
    assert services.knowledge is before


def test_stamp_changes_with_modification_time(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("x")
    first = knowledge_stamp(tmp_path)
    os.utime(path, (1, 1))
    assert knowledge_stamp(tmp_path) != first


def test_the_store_is_built_lazily_once_per_database(
    settings: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = services_module.get_store()
    assert services_module.get_store() is first
    monkeypatch.setenv("HIWAR_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    services_module.get_settings.cache_clear()
    assert services_module.get_store() is not first
    assert not (tmp_path / "other.db").exists()  # nothing connects until a statement runs
