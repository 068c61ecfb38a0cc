"""Rasa inputs are fingerprinted, and Rasa's stores follow our settings."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.process.rasa_project import (
    RasaProject,
    lock_store_config,
    tracker_store_config,
    write_rasa_runtime_files,
)
from bot.settings import Settings


def make_project(tmp_path: Path) -> RasaProject:
    nlu = tmp_path / "nlu_data"
    for sub in ("domain", "en", "ar", "stories", "rules", "heldout"):
        (nlu / sub).mkdir(parents=True)
    (nlu / "config.yml").write_text("recipe: default.v1\n")
    (nlu / "domain" / "core.yml").write_text("version: '3.1'\n")
    (nlu / "en" / "greet.yml").write_text("nlu: []\n")
    (nlu / "heldout" / "en.yml").write_text("nlu: []\n")
    return RasaProject(nlu, tmp_path / "models", tmp_path / "rasa")


def test_fingerprint_follows_training_inputs_only(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    before = project.fingerprint()

    (project.nlu_dir / "heldout" / "en.yml").write_text("nlu: [changed]\n")
    assert project.fingerprint() == before

    (project.nlu_dir / "en" / "greet.yml").write_text("nlu: [changed]\n")
    assert project.fingerprint() != before


def test_model_is_current_only_with_matching_fingerprint(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.models_dir.mkdir()
    project.model_path.write_bytes(b"model")
    assert not project.model_is_current()

    project.fingerprint_path.write_text(project.fingerprint())
    assert project.model_is_current()

    (project.nlu_dir / "config.yml").write_text("recipe: default.v1\n# tuned\n")
    assert not project.model_is_current()


def test_train_command_names_every_path(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    command = project.train_command()
    assert command[1] == "train"
    assert str(project.nlu_dir / "heldout") not in command
    assert str(project.nlu_dir / "en") in command
    assert command[-2:] == ["--fixed-model-name", "hiwar"]


def test_tracker_store_for_sqlite_and_postgresql() -> None:
    assert tracker_store_config("sqlite:////srv/hiwar/var/tracker.db") == {
        "type": "SQL",
        "dialect": "sqlite",
        "db": "/srv/hiwar/var/tracker.db",
    }
    assert tracker_store_config("postgresql+psycopg://hiwar:s%40cret@db:5433/hiwar") == {
        "type": "SQL",
        "dialect": "postgresql",
        "url": "db",
        "db": "hiwar",
        "port": 5433,
        "username": "hiwar",
        "password": "s@cret",
    }


def test_lock_store_is_redis_only_when_configured() -> None:
    assert lock_store_config("") is None
    assert lock_store_config("redis://127.0.0.1:6379/2") == {
        "type": "bot.channels.rasa_lock_store.AtomicRedisLockStore",
        "url": "127.0.0.1",
        "port": 6379,
        "db": 2,
    }


def test_runtime_files_use_our_channel_and_stores(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path)
    endpoints, credentials = write_rasa_runtime_files(
        settings, "http://127.0.0.1:5055/webhook", tmp_path / "rasa"
    )
    loaded = yaml.safe_load(endpoints.read_text())
    assert loaded["action_endpoint"] == {"url": "http://127.0.0.1:5055/webhook"}
    assert loaded["tracker_store"]["db"] == str(tmp_path / "tracker.db")
    assert "lock_store" not in loaded
    assert "bot.channels.rasa_connector.HiwarInput" in yaml.safe_load(credentials.read_text())
