"""Engines and sessions from one SQLAlchemy URL: SQLite under var/ or PostgreSQL.

SQLite gets WAL (readers never block the writer), enforced foreign keys and a busy
timeout, set on every new connection because they are per-connection pragmas.
Nothing connects until a session first runs a statement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings

SQLITE_BUSY_TIMEOUT_MS = 15_000
CONNECT_TIMEOUT_S = 5  # a down database must fail fast so a report can be spooled instead

SessionFactory = sessionmaker[Session]


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get their directory and pragmas."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def build_session_factory(url_or_settings: str | Settings) -> SessionFactory:
    """Sessions bound to a new engine; objects stay readable after commit."""
    url = url_or_settings if isinstance(url_or_settings, str) else url_or_settings.sqlalchemy_url
    return sessionmaker(create_store_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(factory: SessionFactory) -> Iterator[Session]:
    """One unit of work: committed on success, rolled back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def in_session[T](factory: SessionFactory, work: Callable[..., T], *args: Any) -> T:
    """``work(session, *args)`` in a fresh session (for ``asyncio.to_thread``)."""
    with factory() as session:
        return work(session, *args)
