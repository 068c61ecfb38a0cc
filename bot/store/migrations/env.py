"""Alembic environment: the URL comes from ``config.attributes["url"]`` (see bot.store.migrate)."""

from __future__ import annotations

from alembic import context

from bot.store.engine import create_store_engine
from bot.store.migrate import load_models

config = context.config


def run_migrations_online() -> None:
    """Migrate through a real connection; SQLite uses batch mode for ALTERs."""
    url = config.attributes["url"]
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=load_models(),
                render_as_batch=connection.dialect.name == "sqlite",
            )
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


run_migrations_online()
