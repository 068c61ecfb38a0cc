"""A throw-away Rasa tracker store: the ``events`` table as Rasa's SQLTrackerStore creates it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    func,
    select,
)

METADATA = MetaData()
EVENTS = Table(
    "events",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


def create_tracker_store(url: str) -> None:
    """Create the events table (as Rasa would on first start)."""
    engine = create_engine(url)
    METADATA.create_all(engine)
    engine.dispose()


def add_event(url: str, sender: str, at: datetime, type_name: str = "user", **data: Any) -> None:
    """Insert one event of ``sender`` at time ``at``."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            EVENTS.insert().values(
                sender_id=sender,
                type_name=type_name,
                timestamp=at.timestamp(),
                intent_name=data.get("intent"),
                action_name=data.get("action"),
                data=json.dumps({"event": type_name, **data}),
            )  # fmt: skip
        )
    engine.dispose()


def senders(url: str) -> list[str]:
    """Sender id of every remaining event, oldest first."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(select(EVENTS.c.sender_id).order_by(EVENTS.c.timestamp))
        result = [row[0] for row in rows]
    engine.dispose()
    return result


def count(url: str) -> int:
    """How many events remain."""
    engine = create_engine(url)
    with engine.connect() as connection:
        total = int(connection.scalar(select(func.count()).select_from(EVENTS)) or 0)
    engine.dispose()
    return total
