"""Engines and sessions: SQLite pragmas, directory creation, unit-of-work commits."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from bot.settings import Settings
from bot.store.engine import build_session_factory, create_store_engine, session_scope
from bot.store.migrate import upgrade_url
from bot.store.models import ReviewQuestion


def test_sqlite_gets_wal_foreign_keys_and_its_directory(tmp_path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'nested' / 'dir' / 'x.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert (tmp_path / "nested" / "dir").is_dir()
    engine.dispose()


def test_settings_default_to_sqlite_under_var(tmp_path: Path) -> None:
    factory = build_session_factory(Settings(var_dir=tmp_path))
    assert str(factory.kw["bind"].url) == f"sqlite:///{tmp_path / 'hiwar.db'}"


def test_nothing_connects_until_first_statement(tmp_path: Path) -> None:
    build_session_factory(f"sqlite:///{tmp_path / 'lazy.db'}")
    assert not (tmp_path / "lazy.db").exists()


def test_session_scope_commits_or_rolls_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'scope.db'}"
    upgrade_url(url)
    factory = build_session_factory(url)
    with session_scope(factory) as session:
        session.add(ReviewQuestion(text="kept", kind="abstained"))
    with pytest.raises(RuntimeError), session_scope(factory) as session:
        session.add(ReviewQuestion(text="dropped", kind="abstained"))
        session.flush()
        raise RuntimeError("boom")
    with session_scope(factory) as session:
        texts = [question.text for question in session.query(ReviewQuestion)]
    assert texts == ["kept"]
