"""Interim SQLite storage for what the conversation records, until bot/store exists.

One file, ``var/dialogue.db``, with ``dialogue_``-prefixed tables so nothing clashes
with the operations schema. Only the functions in queue.py, feedback.py, reports.py,
subscriptions.py, safety.py and privacy.py touch it: swapping them to the real store
changes nothing else. Senders are the channel's pseudonyms; no raw ids arrive here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.settings import Settings

DATABASE_NAME = "dialogue.db"
SCHEMA = """
CREATE TABLE IF NOT EXISTS dialogue_unanswered (
    id INTEGER PRIMARY KEY, sender TEXT NOT NULL, question TEXT NOT NULL, lang TEXT,
    channel TEXT, reason TEXT NOT NULL, candidates TEXT, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dialogue_feedback (
    id INTEGER PRIMARY KEY, sender TEXT NOT NULL, entry_id TEXT NOT NULL,
    helpful INTEGER NOT NULL, lang TEXT, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dialogue_reports (
    reference TEXT PRIMARY KEY, url TEXT, quote TEXT, platform TEXT, country TEXT,
    description TEXT, lang TEXT, channel TEXT, reporter TEXT, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dialogue_subscriptions (
    sender TEXT PRIMARY KEY, lang TEXT, channel TEXT, subscribed INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dialogue_crisis_flags (
    id INTEGER PRIMARY KEY, sender TEXT NOT NULL, lang TEXT, channel TEXT, country TEXT,
    created_at TEXT NOT NULL
);
"""
# Tables holding a user's own data, cleared by "forget me". Reports are anonymous
# (the pseudonym is kept only to merge duplicates) and are cleared of it instead.
PERSONAL_TABLES = (
    "dialogue_unanswered", "dialogue_feedback", "dialogue_subscriptions", "dialogue_crisis_flags",
)  # fmt: skip


def database_path(settings: Settings) -> Path:
    """Where the interim tables live."""
    return settings.var_dir / DATABASE_NAME


@contextmanager
def connect(settings: Settings) -> Iterator[sqlite3.Connection]:
    """A committed-on-success connection with the schema in place."""
    path = database_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=10)
    try:
        connection.executescript(SCHEMA)
        with connection:
            yield connection
    finally:
        connection.close()
