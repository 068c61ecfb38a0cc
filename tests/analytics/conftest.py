"""Database fixtures for the analytics tests (see tests/store/databases.py): SQLite and PostgreSQL."""

from tests.store.databases import (
    database_url,
    fresh_database_url,
    postgres_database,
    session,
    session_factory,
)

__all__ = [
    "database_url",
    "fresh_database_url",
    "postgres_database",
    "session",
    "session_factory",
]
