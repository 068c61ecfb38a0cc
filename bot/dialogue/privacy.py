"""Forget me: delete one user's data from our tables (the channel clears Rasa's tracker)."""

from __future__ import annotations

from bot.dialogue.local_store import PERSONAL_TABLES, connect
from bot.settings import Settings

FORGET_PAYLOAD = {"hiwar_forget": True}


def forget_user(settings: Settings, sender: str) -> int:
    """Delete the sender's rows and unlink them from their reports; returns rows touched."""
    touched = 0
    with connect(settings) as db:
        for table in PERSONAL_TABLES:
            touched += db.execute(f"DELETE FROM {table} WHERE sender = ?", (sender,)).rowcount
        touched += db.execute(
            "UPDATE dialogue_reports SET reporter = NULL WHERE reporter = ?", (sender,)
        ).rowcount
    return touched
