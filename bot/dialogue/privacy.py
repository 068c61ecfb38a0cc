"""Forget me: delete one user's rows from our tables (the channel clears Rasa's tracker)."""

from __future__ import annotations

from bot.dialogue.services import Store
from bot.outreach.subscriptions import forget as forget_subscriptions
from bot.store.privacy import forget_pseudonym

# Sent after the rows are gone: the channel then deletes the tracker (bot.channels.forget).
FORGET_PAYLOAD = {"hiwar_forget": True}


def forget_user(store: Store, sender: str) -> int:
    """Delete the sender's questions, report submissions and subscriptions; rows deleted."""
    with store.sessions() as session:
        deleted = sum(forget_pseudonym(session, sender).values())
        return deleted + forget_subscriptions(session, sender)
