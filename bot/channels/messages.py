"""The bot's messages as both channels see them, parsed defensively from Rasa's JSON.

Rasa's REST-style channels answer with a list of dicts (``text``, ``buttons``,
``image``, ``custom``); anything else in there is dropped rather than trusted.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from bot.channels.forget import FORGET_MARKER


class Button(BaseModel):
    """A quick reply: the title shown, the payload sent back to Rasa when tapped."""

    title: str
    payload: str


class BotMessage(BaseModel):
    """One message from the bot."""

    text: str = ""
    buttons: list[Button] = Field(default_factory=list)
    image: str | None = None
    custom: dict[str, Any] | None = None

    @property
    def asks_to_forget(self) -> bool:
        """True when the dialogue confirmed "forget me" for this sender."""
        return bool(self.custom and self.custom.get(FORGET_MARKER) is True)


def parse_buttons(raw: Any) -> list[Button]:
    """Buttons with a string title and payload; malformed ones are skipped."""
    if not isinstance(raw, list):
        return []
    return [
        Button(title=item["title"], payload=item["payload"])
        for item in raw
        if isinstance(item, dict)
        and isinstance(item.get("title"), str)
        and isinstance(item.get("payload"), str)
    ]


def parse_bot_message(raw: Any) -> BotMessage | None:
    """One Rasa output dict as a BotMessage, or None when it carries nothing usable."""
    if not isinstance(raw, dict):
        return None
    text, image, custom = raw.get("text"), raw.get("image"), raw.get("custom")
    text = text if isinstance(text, str) else ""
    image = image if isinstance(image, str) else None
    custom = custom if isinstance(custom, dict) else None
    message = BotMessage(
        text=text, buttons=parse_buttons(raw.get("buttons")), image=image, custom=custom
    )
    if not (message.text or message.buttons or message.image or message.custom):
        return None
    return message


def parse_bot_messages(raw: Any) -> list[BotMessage]:
    """Rasa's answer (a JSON list) as BotMessages."""
    if not isinstance(raw, list):
        return []
    return [message for item in raw if (message := parse_bot_message(item)) is not None]
