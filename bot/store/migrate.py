"""Bring a database to the newest schema with Alembic, from code (no alembic.ini).

``hiwar run`` calls ``upgrade_to_head(settings)`` before starting the gateway; the URL
travels to ``migrations/env.py`` in ``Config.attributes`` so a ``%`` in a password
never meets configparser and no global file decides which database is touched.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData

from bot.settings import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Every module that puts tables on bot.store.models.Base. Imported by name, on demand,
# so the store does not depend on them; autogenerate and schema checks need them all.
MODEL_MODULES = ("bot.store.models", "bot.analytics.models", "bot.outreach.models")


def load_models() -> MetaData:
    """The complete schema: Base.metadata after importing every model module."""
    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:  # a broken import inside the module is a real error
                raise
    from bot.store.models import Base

    return Base.metadata


def alembic_config(url: str) -> Config:
    """An Alembic configuration for ``url`` using our migrations directory."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["url"] = url
    return config


def upgrade_url(url: str, revision: str = "head") -> None:
    """Apply every migration up to ``revision`` on the database at ``url``."""
    if url.startswith("sqlite"):
        from bot.store.engine import create_store_engine

        create_store_engine(url).dispose()  # creates the directory of the file
    command.upgrade(alembic_config(url), revision)


def downgrade_url(url: str, revision: str = "base") -> None:
    """Undo migrations down to ``revision`` (tests check each revision is reversible)."""
    command.downgrade(alembic_config(url), revision)


def upgrade_to_head(settings: Settings) -> None:
    """Migrate the configured database (SQLite under var/ unless HIWAR_DATABASE_URL)."""
    upgrade_url(settings.sqlalchemy_url)
