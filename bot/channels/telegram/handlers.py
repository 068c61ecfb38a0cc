"""Short async handlers: each turns one kind of Telegram update into a reply."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update, User
from telegram.ext import ContextTypes

from bot.channels.conversation import clean_text, sender_for, take_turn
from bot.channels.messages import BotMessage
from bot.channels.rasa_client import RasaClient, RasaUnavailable
from bot.channels.telegram import texts
from bot.channels.telegram.keyboards import CallbackPayloads
from bot.channels.telegram.replies import send_bot_messages, send_text, typing_action
from bot.settings import Settings
from bot.store.engine import SessionFactory

logger = logging.getLogger(__name__)

# Commands answered by Rasa: each becomes the intent payload of the dialogue's domain.
COMMAND_PAYLOADS = {
    "start": "/greet",
    "privacy": "/privacy",
    "forget": "/forget_me",
    "report": "/report_incitement",
    "language": "/switch_language",
    "subscribe": "/subscribe",
    "unsubscribe": "/unsubscribe",
}
# Commands answered here with fixed texts.
LOCAL_COMMANDS = {"help": texts.HELP, "about": texts.ABOUT}
# Carries out a bot message's custom payload for (pseudonym, chat id) if it is an
# outreach request; blocking (it writes the database), so it runs in a worker thread.
# Built by the process that starts the channel (see bot.outreach.channel_requests), so
# this package never imports the outreach component.
OutreachRequestHandler = Callable[[str, int, dict[str, Any]], None]


@dataclass
class ChannelDeps:
    """What the handlers need, kept in ``application.bot_data``."""

    settings: Settings
    rasa: RasaClient
    payloads: CallbackPayloads
    on_outreach_request: OutreachRequestHandler | None = None
    sessions: SessionFactory | None = None  # queues questions when the action server is down


def deps_of(context: ContextTypes.DEFAULT_TYPE) -> ChannelDeps:
    """The channel's dependencies stored by build_application."""
    return context.bot_data["hiwar"]  # type: ignore[no-any-return]


async def converse(context: ContextTypes.DEFAULT_TYPE, user: User, chat_id: int, text: str) -> None:
    """Send one turn to Rasa as the user's pseudonym and deliver the answers."""
    deps = deps_of(context)
    lang = texts.language_of(user.language_code)
    sender_id = sender_for(deps.settings, "telegram", user.id)
    metadata = {"channel": "telegram", "lang": lang}
    try:
        async with typing_action(context.bot, chat_id):
            messages = await take_turn(
                deps.settings, deps.rasa, sender_id, text, metadata, deps.sessions
            )
    except RasaUnavailable:
        await send_text(context.bot, chat_id, texts.localized(texts.UNAVAILABLE, lang))
        return
    await apply_outreach_requests(deps, sender_id, chat_id, messages)
    await send_bot_messages(context.bot, chat_id, messages, deps.payloads)


async def apply_outreach_requests(
    deps: ChannelDeps, sender_id: str, chat_id: int, messages: list[BotMessage]
) -> None:
    """Subscribe/unsubscribe as the dialogue asked, before its confirmation is sent."""
    if deps.on_outreach_request is None:
        return
    for message in messages:
        if not message.custom:
            continue
        try:
            await asyncio.to_thread(deps.on_outreach_request, sender_id, chat_id, message.custom)
        except Exception:  # the user still gets the dialogue's answer; operators get the log
            logger.exception("outreach request for sender %s… failed", sender_id[:8])


async def handle_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text message in a private chat: a question for the bot."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.text is None:
        return
    limit = deps_of(context).settings.web.max_message_chars
    if len(message.text) > limit:
        lang = texts.language_of(user.language_code)
        await send_text(
            context.bot, message.chat_id, texts.localized(texts.TOO_LONG, lang, limit=limit)
        )
        return
    text = clean_text(message.text)
    if text:
        await converse(context, user, message.chat_id, text)


async def handle_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /command: fixed text for /help and /about, otherwise the mapped intent to Rasa."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or not message.text:
        return
    name = message.text.split()[0].lstrip("/").split("@")[0].lower()
    lang = texts.language_of(user.language_code)
    if name in COMMAND_PAYLOADS:
        await converse(context, user, message.chat_id, COMMAND_PAYLOADS[name])
    else:
        await send_text(
            context.bot,
            message.chat_id,
            texts.localized(LOCAL_COMMANDS.get(name, texts.HELP), lang),
        )


async def handle_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A tap on an inline button: acknowledge it, then send its payload to Rasa."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    chat_id = query.message.chat.id if query.message else query.from_user.id
    payload = deps_of(context).payloads.decode(query.data or "")
    if not payload:
        lang = texts.language_of(query.from_user.language_code)
        await send_text(context.bot, chat_id, texts.localized(texts.EXPIRED_BUTTON, lang))
        return
    await converse(context, query.from_user, chat_id, payload)


async def handle_edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited message: say politely that only new messages are read."""
    await _reply_fixed(update, context, texts.EDITED)


async def handle_unsupported(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo, sticker, voice note, document, location…: ask for text instead."""
    await _reply_fixed(update, context, texts.TEXT_ONLY)


async def _reply_fixed(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: dict[str, str]
) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    lang = texts.language_of(user.language_code if user else None)
    await send_text(context.bot, chat.id, texts.localized(text, lang))


async def handle_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log every handler error with the update type, never the user's id or text; never raise."""
    kind = type(update).__name__
    if isinstance(update, Update):
        kind = next(
            (
                name
                for name in ("message", "edited_message", "callback_query")
                if getattr(update, name)
            ),
            "other",
        )
    logger.error("Telegram handler failed on a %s update", kind, exc_info=context.error)
