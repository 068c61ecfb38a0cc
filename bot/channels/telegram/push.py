"""Messages the bot starts itself (not replies), sent with a plain ``Bot`` from any process.

Buttons whose payload needs the channel's in-memory map (over 64 bytes of callback
data) are dropped: the process that receives the tap could not decode them.
"""

from __future__ import annotations

from typing import Self

from telegram import Bot

from bot.channels.messages import BotMessage
from bot.channels.telegram.keyboards import MAX_CALLBACK_BYTES, CallbackPayloads
from bot.channels.telegram.replies import send_bot_messages
from bot.settings import Settings


class TelegramPush:
    """Delivers the bot's messages to a chat, retried like the channel's own replies."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    @classmethod
    def from_settings(cls, settings: Settings) -> TelegramPush | None:
        """A pusher for the configured bot, or None when no token is set."""
        token = settings.telegram.token
        if token is None or not token.get_secret_value().strip():
            return None
        return cls(Bot(token.get_secret_value(), base_url=settings.telegram.base_url))

    async def __aenter__(self) -> Self:
        await self.bot.initialize()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.bot.shutdown()

    async def deliver(self, chat_id: int, messages: list[BotMessage]) -> None:
        """Send in order; raises the Telegram error when the chat cannot be reached."""
        portable = [
            message.model_copy(update={"buttons": [b for b in message.buttons if _fits(b.payload)]})
            for message in messages
        ]
        await send_bot_messages(self.bot, chat_id, portable, CallbackPayloads())


def _fits(payload: str) -> bool:
    return len(payload.encode()) <= MAX_CALLBACK_BYTES
