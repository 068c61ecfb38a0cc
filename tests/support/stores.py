"""Throw-away PostgreSQL databases and Redis databases on this machine's servers.

Integration tests get a fresh database (dropped afterwards) and an empty Redis db
number (flushed afterwards), so they never touch anyone else's data. An unreachable
server is a skip on a developer's machine and a failure in CI, where both must run.
"""

from __future__ import annotations

import os
import random
import secrets
import socket
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from psycopg import sql

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
PG_MAINTENANCE_DB = "test"
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def unavailable(what: str) -> None:
    """Skip locally, fail in CI: a missing service there means a broken CI image."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI")
    pytest.skip(f"{what} is not available")


@contextmanager
def fresh_postgres_database(prefix: str) -> Iterator[str]:
    """A new empty database ``<prefix>_<random>``; yields its URL, drops it afterwards."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(
            f"{PG_SERVER}/{PG_MAINTENANCE_DB}", autocommit=True, connect_timeout=3
        )
    except psycopg.OperationalError as error:
        unavailable(f"PostgreSQL at {PG_SERVER} ({error})")
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield f"{PG_SERVER}/{name}"
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def redis_command(*args: str, db: int | None = None) -> bytes:
    """One Redis command (after an optional SELECT) over RESP; returns the raw last reply."""
    commands = ([("SELECT", str(db))] if db is not None else []) + [args]
    payload = b"".join(
        f"*{len(cmd)}\r\n".encode()
        + b"".join(f"${len(a.encode())}\r\n{a}\r\n".encode() for a in cmd)
        for cmd in commands
    )
    with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=3) as conn:
        conn.sendall(payload)
        reply = b""
        while reply.count(b"\r\n") < len(commands):
            chunk = conn.recv(4096)
            if not chunk:
                break
            reply += chunk
    return reply.split(b"\r\n")[-2]


@contextmanager
def empty_redis_db() -> Iterator[int]:
    """An empty Redis db number 1–15 (yielded), flushed afterwards; only that db."""
    try:
        redis_command("PING")
    except OSError as error:
        unavailable(f"Redis at {REDIS_HOST}:{REDIS_PORT} ({error})")
    candidates = random.sample(range(1, 16), 15)
    db = next((n for n in candidates if redis_command("DBSIZE", db=n) == b":0"), None)
    if db is None:
        pytest.skip("no empty Redis db number among 1-15")
    try:
        yield db
    finally:
        redis_command("FLUSHDB", db=db)
