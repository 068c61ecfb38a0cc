"""The python-telegram-bot Application: handlers, rate limiter, update ordering.

One factory for both modes: the gateway feeds it webhook updates, ``python -m
bot.channels.telegram`` runs it with long polling.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from weakref import WeakValueDictionary

from telegram import Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.channels.rasa_client import RasaClient
from bot.channels.telegram import handlers
from bot.channels.telegram.keyboards import CallbackPayloads
from bot.settings import Settings
from bot.store.engine import build_session_factory

ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
MAX_CONCURRENT_UPDATES = 32


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across chats, in arrival order within one chat (Rasa sees turns as sent)."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: WeakValueDictionary[int, asyncio.Lock] = WeakValueDictionary()

    async def do_process_update(self, update: object, coroutine: Any) -> None:
        """Wait for earlier updates of the same chat, then process this one."""
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._locks.get(chat.id)
        if lock is None:
            lock = self._locks[chat.id] = asyncio.Lock()
        async with lock:
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


def bot_token(settings: Settings) -> str:
    """The configured bot token, "" when unset (an empty env variable counts as unset)."""
    token = settings.telegram.token
    return token.get_secret_value().strip() if token is not None else ""


def add_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Private chats only; group and channel posts and unknown updates get silence."""
    private = filters.ChatType.PRIVATE
    new_message = private & filters.UpdateType.MESSAGE
    commands = [*handlers.COMMAND_PAYLOADS, *handlers.LOCAL_COMMANDS]
    application.add_handler(CommandHandler(commands, handlers.handle_command, filters=new_message))
    application.add_handler(MessageHandler(new_message & filters.COMMAND, handlers.handle_command))
    application.add_handler(MessageHandler(new_message & filters.TEXT, handlers.handle_text))
    application.add_handler(
        MessageHandler(private & filters.UpdateType.EDITED_MESSAGE, handlers.handle_edited)
    )
    application.add_handler(MessageHandler(new_message, handlers.handle_unsupported))
    application.add_handler(CallbackQueryHandler(handlers.handle_button))
    application.add_error_handler(handlers.handle_error)


def build_application(
    settings: Settings,
    rasa_client: RasaClient,
    *,
    polling: bool = False,
    on_outreach_request: handlers.OutreachRequestHandler | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The Telegram application; without ``polling`` it has no updater (webhook mode).

    ``on_outreach_request`` stores subscriptions; without it they are silently not kept.
    """
    token = bot_token(settings)
    if not token:
        raise ValueError("Telegram needs HIWAR_TELEGRAM__TOKEN")
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    builder = (
        Application.builder()
        .token(token)
        .base_url(settings.telegram.base_url)
        .base_file_url(settings.telegram.base_file_url)
        .rate_limiter(AIORateLimiter())
        .concurrent_updates(PerChatUpdateProcessor())
    )
    if not polling:
        builder = builder.updater(None)
    application = builder.build()
    application.bot_data["hiwar"] = handlers.ChannelDeps(
        settings,
        rasa_client,
        CallbackPayloads(),
        on_outreach_request,
        build_session_factory(settings),
    )
    add_handlers(application)
    return application
