"""Sending the bot's answers to a Telegram chat: split, with keyboards, retried."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ChatAction

from bot.channels.messages import BotMessage
from bot.channels.telegram.keyboards import CallbackPayloads, inline_keyboard
from bot.channels.telegram.retry import with_retries
from bot.channels.telegram.split import split_message

TYPING_REFRESH_S = 4.5  # Telegram shows "typing…" for about 5 s per chat action
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)  # reference links would bury the answer


async def send_text(
    bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Send a text of any length; the keyboard goes under the last chunk."""
    chunks = split_message(text) or [""]
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        if chunk or (last and markup):
            await _send_chunk(bot, chat_id, chunk or "…", markup if last else None)


async def _send_chunk(
    bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    async def send() -> object:
        return await bot.send_message(
            chat_id, text, reply_markup=markup, link_preview_options=NO_PREVIEW
        )

    await with_retries(send)


async def send_bot_messages(
    bot: Bot, chat_id: int, messages: list[BotMessage], payloads: CallbackPayloads
) -> None:
    """Every Rasa message in order; images are sent as their link."""
    for message in messages:
        text = "\n".join(part for part in (message.text, message.image or "") if part)
        markup = inline_keyboard(message.buttons, payloads)
        if text or markup:
            await send_text(bot, chat_id, text, markup)


@contextlib.asynccontextmanager
async def typing_action(bot: Bot, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in the chat until the block finishes; failures are only cosmetic."""

    async def keep_typing() -> None:
        while True:
            with contextlib.suppress(Exception):
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(TYPING_REFRESH_S)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
