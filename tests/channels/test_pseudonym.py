"""Pseudonyms: stable, keyed, channel-separated, not the raw id."""

from __future__ import annotations

import hashlib
import hmac

from pydantic import SecretStr

from bot.channels.pseudonym import pseudonymize

KEY = SecretStr("k")


def test_is_hmac_sha256_of_channel_and_id() -> None:
    expected = hmac.new(b"k", b"telegram:12345", hashlib.sha256).hexdigest()
    assert pseudonymize(KEY, "telegram", 12345) == expected


def test_is_stable_and_depends_on_key_and_channel() -> None:
    assert pseudonymize(KEY, "web", "s") == pseudonymize(KEY, "web", "s")
    assert pseudonymize(KEY, "web", "s") != pseudonymize(SecretStr("other"), "web", "s")
    assert pseudonymize(KEY, "web", "1") != pseudonymize(KEY, "telegram", "1")
    assert "12345" not in pseudonymize(KEY, "telegram", 12345)
