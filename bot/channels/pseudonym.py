"""Keyed pseudonyms: the only sender id Rasa's tracker and our tables ever see.

A raw Telegram user id or a browser session id is hashed with HMAC-SHA256 under
``settings.pseudonym_key``; without the key the pseudonym cannot be reversed or
linked across channels, because the channel name is part of the hashed text.
"""

from __future__ import annotations

import hashlib
import hmac

from pydantic import SecretStr


def pseudonymize(key: SecretStr, channel: str, raw_id: str | int) -> str:
    """Hex HMAC-SHA256 of "channel:raw_id" under the pseudonym key."""
    message = f"{channel}:{raw_id}".encode()
    return hmac.new(key.get_secret_value().encode(), message, hashlib.sha256).hexdigest()
