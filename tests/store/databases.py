"""Database fixtures shared by the storage, reports, review-queue and API tests.

``database_url`` is parametrised over a temporary SQLite file and a throw-away
PostgreSQL database created from the ``test`` database and dropped afterwards, so
parallel runs never share tables. Without PostgreSQL the PG cases skip locally and
fail when ``CI`` is set (CI must prove both backends).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.store.engine import SessionFactory, build_session_factory
from bot.store.migrate import load_models, upgrade_url

# Overridable so a CI machine with PostgreSQL elsewhere can still run the suite.
POSTGRES_ADMIN_URL = os.environ.get(
    "HIWAR_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ["sqlite", "postgresql"]


def _admin_engine() -> Engine:
    return create_engine(
        POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(f"PostgreSQL unavailable: {reason}")


@contextmanager
def throwaway_postgres_database() -> Iterator[str]:
    """Create a uniquely named PostgreSQL database; yield its URL; drop it afterwards."""
    name = f"hiwar_test_{secrets.token_hex(6)}"
    admin = _admin_engine()
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        admin.dispose()
        _unavailable(str(error).splitlines()[0])
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """The run's PostgreSQL database (URL), dropped at the end of the run."""
    with throwaway_postgres_database() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def fresh_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty, unmigrated database for one test (migration tests start from nothing)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    with throwaway_postgres_database() as url:
        yield url


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated database for the whole run, one per backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'hiwar.db'}"
    else:
        url = request.getfixturevalue("postgres_database")
    upgrade_url(url)
    return url


@pytest.fixture
def session_factory(database_url: str) -> Iterator[SessionFactory]:
    """Sessions on the migrated database; every table is emptied after the test."""
    factory = build_session_factory(database_url)
    yield factory
    with factory() as session:
        for table in reversed(load_models().sorted_tables):
            session.execute(table.delete())
        session.commit()
    engine = factory.kw["bind"]
    engine.dispose()


@pytest.fixture
def session(session_factory: SessionFactory) -> Iterator[Session]:
    """One session for the test body."""
    with session_factory() as db_session:
        yield db_session
