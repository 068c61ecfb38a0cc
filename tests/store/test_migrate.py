"""Migrations: head creates the schema the models describe, and every step reverses."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from bot.settings import Settings
from bot.store.engine import create_store_engine
from bot.store.migrate import (
    MIGRATIONS_DIR,
    alembic_config,
    downgrade_url,
    load_models,
    upgrade_to_head,
    upgrade_url,
)


def _tables(url: str) -> set[str]:
    engine = create_store_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_creates_every_table_and_records_head(fresh_database_url: str) -> None:
    upgrade_url(fresh_database_url)
    assert set(load_models().tables) | {"alembic_version"} == _tables(fresh_database_url)
    engine = create_store_engine(fresh_database_url)
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    engine.dispose()
    head = ScriptDirectory.from_config(alembic_config(fresh_database_url)).get_current_head()
    assert current == head


def test_models_and_migrations_agree(fresh_database_url: str) -> None:
    upgrade_url(fresh_database_url)
    engine = create_store_engine(fresh_database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), load_models())
    engine.dispose()
    assert differences == []


def test_downgrade_to_base_and_up_again(fresh_database_url: str) -> None:
    upgrade_url(fresh_database_url)
    downgrade_url(fresh_database_url, "base")
    assert _tables(fresh_database_url) <= {"alembic_version"}
    upgrade_url(fresh_database_url)
    assert "reports" in _tables(fresh_database_url)


def test_upgrade_to_head_uses_settings_and_is_idempotent(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(var_dir=tmp_path / "var")
    upgrade_to_head(settings)
    upgrade_to_head(settings)
    assert "reports" in _tables(settings.sqlalchemy_url)
    assert (MIGRATIONS_DIR / "env.py").is_file()
