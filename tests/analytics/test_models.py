"""The analytics migration: creates exactly the model's table and reverses cleanly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import bot.analytics.models  # noqa: F401  (registers the table on the operations Base)
from bot.store.engine import create_store_engine
from bot.store.migrate import downgrade_url, upgrade_url
from bot.store.models import Base

MIGRATION = "0002_analytics"


def _tables(url: str) -> set[str]:
    engine = create_store_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_head_matches_the_models_including_analytics(fresh_database_url: str) -> None:
    upgrade_url(fresh_database_url)
    assert "analytics_events" in _tables(fresh_database_url)
    engine = create_store_engine(fresh_database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_downgrade_below_analytics_drops_only_its_table(fresh_database_url: str) -> None:
    upgrade_url(fresh_database_url)
    downgrade_url(fresh_database_url, f"{MIGRATION}-1")
    tables = _tables(fresh_database_url)
    assert "analytics_events" not in tables and "reports" in tables
    upgrade_url(fresh_database_url)
    assert "analytics_events" in _tables(fresh_database_url)
