"""Opt-in to counter-messages: what the dialogue asks the channel to do.

Only Telegram can deliver unprompted, and only the Telegram channel knows the chat
id, so the dialogue sends a marker (bot.outreach.channel_requests) that the channel
carries out; nothing about the subscription is stored from the action server.
"""

from __future__ import annotations

from typing import Any

from bot.outreach.channel_requests import outreach_marker
from bot.outreach.subscriptions import CHANNELS, FREQUENCIES


def can_subscribe(channel: str | None) -> bool:
    """Whether counter-messages can be delivered on this channel."""
    return channel in CHANNELS


def read_frequency(value: str | None) -> str | None:
    """``daily`` or ``weekly`` from a button's entity; None when absent or unknown."""
    cleaned = (value or "").strip().lower()
    return cleaned if cleaned in FREQUENCIES else None


def subscribe_request(lang: str, frequency: str) -> dict[str, Any]:
    """The channel's instruction to subscribe this sender."""
    return outreach_marker("subscribe", lang, frequency)


def unsubscribe_request() -> dict[str, Any]:
    """The channel's instruction to stop sending to this sender."""
    return outreach_marker("unsubscribe")


def keep_address_request() -> dict[str, Any]:
    """The channel's instruction to keep this sender's address until the scholars answer."""
    return outreach_marker("keep_address")
