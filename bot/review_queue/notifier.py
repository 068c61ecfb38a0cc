"""Telling askers who opted in that the scholars answered their question.

A scholar links a group of queued questions to an entry (dashboard). For each asker
who asked for a scholar, this job triggers ``EXTERNAL_scholar_answered`` in their
Rasa conversation: the action server says the entry's answer in the conversation's
language, so the notice is a turn like any other (follow-ups such as "sources" work).
On the web it is in the history the widget shows when the chat is opened again; on
Telegram it is also sent to the chat whose encrypted address the channel kept.

A question is marked notified as soon as Rasa has said the answer, before the
Telegram send: a notice is never repeated (at most once, like counter-messages).
Entries this profile may not serve yet (drafts in production) wait.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from bot.channels.messages import BotMessage
from bot.channels.rasa_client import RasaUnavailable
from bot.channels.telegram.push import TelegramPush
from bot.knowledge.servable import ServableEntries
from bot.outreach.addresses import AddressCipher, load_chat_ids
from bot.review_queue.service import AskerToNotify, askers_to_notify, mark_notified
from bot.settings import Settings
from bot.store.engine import SessionFactory, in_session

logger = logging.getLogger(__name__)

NOTICE_INTENT = "EXTERNAL_scholar_answered"


class Conversations(Protocol):
    """Runs an intent in a sender's conversation (bot.channels.rasa_client.RasaClient)."""

    async def trigger_intent(
        self, sender_id: str, intent: str, entities: dict[str, str]
    ) -> list[BotMessage]:
        """The bot's replies to the triggered intent."""
        ...


class ChatDelivery(Protocol):
    """Sends the bot's messages to one Telegram chat."""

    async def deliver(self, chat_id: int, messages: list[BotMessage]) -> None:
        """Deliver in order; raises when the chat cannot be reached."""
        ...


@dataclass
class NoticeSummary:
    """What one round did, for logs and tests."""

    told: int = 0  # Rasa said the answer in the conversation
    sent: int = 0  # ... and it reached a Telegram chat
    waiting: int = 0  # entry not servable yet, or no way to deliver now
    failed: int = 0


async def notify_askers(
    sessions: SessionFactory,
    conversations: Conversations,
    *,
    servable: Collection[str],
    cipher: AddressCipher,
    telegram: ChatDelivery | None,
) -> NoticeSummary:
    """One round: tell every opted-in asker whose question is linked and who was not told."""
    summary = NoticeSummary()
    for asker in await asyncio.to_thread(in_session, sessions, askers_to_notify):
        if asker.entry_id not in servable or (asker.channel == "telegram" and telegram is None):
            summary.waiting += 1
            continue
        try:
            messages = await conversations.trigger_intent(
                asker.pseudonym, NOTICE_INTENT, {"entry_id": asker.entry_id}
            )
        except RasaUnavailable as error:  # try again next round
            logger.warning("scholar-answer notices paused: %s", error.reason)
            summary.failed += 1
            break
        if not any(message.text for message in messages):  # action server down or refused
            summary.failed += 1
            continue
        await asyncio.to_thread(in_session, sessions, mark_notified, asker.question_ids)
        summary.told += 1
        if asker.channel == "telegram" and telegram is not None:
            summary.sent += await _send(sessions, cipher, telegram, asker, messages)
    return summary


async def _send(
    sessions: SessionFactory,
    cipher: AddressCipher,
    telegram: ChatDelivery,
    asker: AskerToNotify,
    messages: list[BotMessage],
) -> int:
    chat_ids = await asyncio.to_thread(
        in_session, sessions, load_chat_ids, cipher, [asker.pseudonym]
    )
    chat_id = chat_ids.get(asker.pseudonym)
    if chat_id is None:
        logger.warning("no readable address for an opted-in asker; told in the tracker only")
        return 0
    try:
        await telegram.deliver(chat_id, messages)
    except Exception:  # a blocked bot or Telegram outage must not stop the round
        logger.exception("scholar-answer notice not delivered to Telegram")
        return 0
    return 1


async def notice_loop(
    settings: Settings, sessions: SessionFactory, conversations: Conversations
) -> None:
    """Run a round every ``settings.review_notice_interval_s`` until cancelled (the gateway)."""
    servable = ServableEntries(settings)
    cipher = AddressCipher(settings.secret_key)
    async with contextlib.AsyncExitStack() as stack:
        push = TelegramPush.from_settings(settings)
        telegram = await stack.enter_async_context(push) if push is not None else None
        while True:
            try:
                summary = await notify_askers(
                    sessions, conversations, servable=await asyncio.to_thread(servable.current),
                    cipher=cipher, telegram=telegram,
                )  # fmt: skip
                if summary.told or summary.failed:
                    logger.info("scholar-answer notices: %s", summary)
            except Exception:  # a bad round must not end the job
                logger.exception("scholar-answer notice round failed")
            await asyncio.sleep(settings.review_notice_interval_s)
