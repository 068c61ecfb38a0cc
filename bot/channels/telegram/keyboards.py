"""Rasa buttons as Telegram inline keyboards.

Telegram limits ``callback_data`` to 64 bytes; Rasa payloads such as
``/inform{"entry_id": "..."}`` can be longer. Those are kept in a bounded in-memory
map under a short key; after a restart an old key is simply reported as expired.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.channels.messages import Button

MAX_CALLBACK_BYTES = 64
LONG_PAYLOAD_PREFIX = "~"  # Rasa payloads start with "/" or are plain text, never "~"
MAX_BUTTON_TITLE = 64


class CallbackPayloads:
    """Two-way mapping between Rasa payloads and Telegram callback_data."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self.max_entries = max_entries
        self._long: OrderedDict[str, str] = OrderedDict()

    def encode(self, payload: str) -> str:
        """callback_data for a payload: itself when short enough, else a stored key."""
        if len(payload.encode()) <= MAX_CALLBACK_BYTES and not payload.startswith(
            LONG_PAYLOAD_PREFIX
        ):
            return payload
        key = LONG_PAYLOAD_PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:32]
        self._long[key] = payload
        self._long.move_to_end(key)
        while len(self._long) > self.max_entries:
            self._long.popitem(last=False)
        return key

    def decode(self, callback_data: str) -> str | None:
        """The payload behind callback_data, or None when its key has expired."""
        if callback_data.startswith(LONG_PAYLOAD_PREFIX):
            return self._long.get(callback_data)
        return callback_data


def inline_keyboard(
    buttons: list[Button], payloads: CallbackPayloads
) -> InlineKeyboardMarkup | None:
    """One button per row (titles are often whole phrases), or None without buttons."""
    if not buttons:
        return None
    rows = [
        [
            InlineKeyboardButton(
                button.title[:MAX_BUTTON_TITLE], callback_data=payloads.encode(button.payload)
            )
        ]
        for button in buttons
    ]
    return InlineKeyboardMarkup(rows)
