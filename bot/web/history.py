"""The widget's view of a Rasa tracker: user and bot messages only, oldest first.

A button tap reaches Rasa as its payload ("/greet"); the widget showed the button's
title, so the history shows the title too, looked up in the bot message offering it.
Intents triggered by the system (``EXTERNAL: …``, the scholar-answer notice) were never
typed by the user and are left out; the bot's replies to them stay.
"""

from __future__ import annotations

from typing import Any

from bot.channels.messages import Button, parse_bot_message
from bot.web.schemas import HistoryMessage

MAX_HISTORY_MESSAGES = 200
EXTERNAL_PREFIX = "EXTERNAL: "  # rasa.shared.core.constants.EXTERNAL_MESSAGE_PREFIX


def history_from_tracker(tracker: dict[str, Any]) -> list[HistoryMessage]:
    """User and bot messages of a tracker, the last ``MAX_HISTORY_MESSAGES`` of them."""
    events = tracker.get("events")
    if not isinstance(events, list):
        return []
    messages: list[HistoryMessage] = []
    offered: list[Button] = []
    for event in events:
        if not isinstance(event, dict):
            continue
        if event.get("event") == "bot":
            message = _bot_message(event)
            if message is not None:
                messages.append(message)
                offered = message.buttons or offered
        elif event.get("event") == "user":
            text = _user_text(event, offered)
            if text:
                messages.append(HistoryMessage(sender="user", text=text))
    return messages[-MAX_HISTORY_MESSAGES:]


def _bot_message(event: dict[str, Any]) -> HistoryMessage | None:
    data = event.get("data")
    if not isinstance(data, dict):
        data = {}
    message = parse_bot_message({**data, "text": event.get("text")})
    if message is None:
        return None
    return HistoryMessage(sender="bot", **message.model_dump())


def _user_text(event: dict[str, Any], offered: list[Button]) -> str:
    text = event.get("text")
    if not isinstance(text, str) or text.startswith(EXTERNAL_PREFIX):
        return ""
    if text.startswith("/"):
        return next((button.title for button in offered if button.payload == text), "")
    return text
