"""Rasa's tracker store as plain SQL: its ``events`` table, read and pruned by timestamp.

Rasa's SQLTrackerStore keeps one row per event (``timestamp`` is Unix seconds as a
float). We only ever touch that table, and only when it exists, so a fresh install
whose Rasa has not started yet is not an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, create_engine, delete, inspect, select
from sqlalchemy import sql as sa_sql

EVENTS = sa_sql.table(
    "events",
    sa_sql.column("id"),
    sa_sql.column("sender_id"),
    sa_sql.column("type_name"),
    sa_sql.column("timestamp"),
    sa_sql.column("intent_name"),
    sa_sql.column("action_name"),
    sa_sql.column("data"),
)
MAX_EXPORT_EVENTS = 50_000


@contextmanager
def tracker_connection(url: str) -> Iterator[Connection | None]:
    """A transaction on the tracker store, or None when it has no events table yet."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            yield connection if inspect(connection).has_table("events") else None
    finally:
        engine.dispose()


def delete_events_before(url: str, cutoff: datetime) -> int:
    """Delete every tracker event older than ``cutoff``; returns rows deleted."""
    with tracker_connection(url) as connection:
        if connection is None:
            return 0
        result = connection.execute(delete(EVENTS).where(EVENTS.c.timestamp < cutoff.timestamp()))
        return int(result.rowcount or 0)


def events_of_sender(url: str, sender_id: str) -> list[dict[str, Any]]:
    """Every tracker event of one (pseudonymous) sender, oldest first, JSON-ready."""
    with tracker_connection(url) as connection:
        if connection is None:
            return []
        rows = connection.execute(
            select(EVENTS)
            .where(EVENTS.c.sender_id == sender_id)
            .order_by(EVENTS.c.timestamp, EVENTS.c.id)
            .limit(MAX_EXPORT_EVENTS)
        )
        return [_event(row._mapping) for row in rows]


def _event(row: Any) -> dict[str, Any]:
    try:
        data = json.loads(row["data"]) if row["data"] else None
    except ValueError:
        data = row["data"]
    return {
        "type": row["type_name"], "timestamp": row["timestamp"],
        "intent": row["intent_name"], "action": row["action_name"], "data": data,
    }  # fmt: skip
