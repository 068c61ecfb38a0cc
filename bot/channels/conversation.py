"""One user turn, the same for every channel: pseudonymous sender in, bot messages out.

Keeping this in one place means the web gateway and Telegram cannot drift apart on
what metadata Rasa sees or on when a "forget me" is carried out.
"""

from __future__ import annotations

import asyncio
import re
from typing import Literal

from bot.channels.forget import forget_sender
from bot.channels.messages import BotMessage
from bot.channels.pseudonym import pseudonymize
from bot.channels.rasa_client import RasaClient
from bot.settings import Settings

Lang = Literal["ar", "en"]
# C0/C1 control characters other than tab and newlines: never meaningful in a chat
# message, and NUL cannot be stored by PostgreSQL's text columns.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """The message without control characters and surrounding whitespace."""
    return _CONTROL_CHARACTERS.sub("", text).strip()


def sender_for(settings: Settings, channel: str, raw_id: str | int) -> str:
    """The pseudonymous Rasa sender id of a channel user."""
    return pseudonymize(settings.pseudonym_key, channel, raw_id)


async def take_turn(
    settings: Settings,
    rasa: RasaClient,
    sender_id: str,
    text: str,
    metadata: dict[str, str | None],
) -> list[BotMessage]:
    """Send one message to Rasa and carry out a confirmed "forget me" afterwards."""
    messages = await rasa.send_message(sender_id, text, metadata)
    if any(message.asks_to_forget for message in messages):
        await asyncio.to_thread(forget_sender, settings, sender_id)
    return messages
