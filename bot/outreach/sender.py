"""Sending outreach messages through the real python-telegram-bot ``Bot``.

Paced by a shared limiter, retried on flood control (RetryAfter pauses every send)
and on network errors with backoff. A user who blocked the bot, deleted their account
or whose chat is gone comes back as ``blocked`` so the caller unsubscribes them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from dataclasses import dataclass
from typing import Literal, Protocol, Self

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.request import HTTPXRequest

from bot.outreach.messages import OutgoingMessage
from bot.outreach.pacing import PacingLimiter
from bot.settings import Settings

logger = logging.getLogger(__name__)

SendStatus = Literal["sent", "failed", "blocked"]
ATTEMPTS = 4
FLOOD_ATTEMPTS = 8  # RetryAfter is Telegram pacing us, not a fault: allow more of them
BASE_DELAY_S = 0.5
MAX_DELAY_S = 60.0
CONNECTIONS = 32  # sends overlap while each waits for Telegram's answer
GONE_CHAT = ("chat not found", "user is deactivated", "peer_id_invalid")


@dataclass(frozen=True)
class SendOutcome:
    """How one send ended; ``error`` is a short reason for the delivery row."""

    status: SendStatus
    error: str | None = None


class Sender(Protocol):
    """Anything that can deliver one outgoing message to one chat."""

    async def send(self, chat_id: int, message: OutgoingMessage) -> SendOutcome:
        """Deliver, retrying as appropriate; never raises for a Telegram error."""
        ...


def reply_markup(message: OutgoingMessage) -> InlineKeyboardMarkup | None:
    """The message's rows as an inline keyboard (payloads already fit callback data)."""
    if not message.rows:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.title, callback_data=b.payload) for b in row]
            for row in message.rows
        ]
    )


def _retry_after_s(error: RetryAfter) -> float:
    wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)


class TelegramSender:
    """Sends with a real ``Bot`` (pointed at ``settings.telegram.base_url``) and a limiter."""

    def __init__(self, bot: Bot, limiter: PacingLimiter, base_delay_s: float = BASE_DELAY_S):
        self.bot, self.limiter, self.base_delay_s = bot, limiter, base_delay_s

    @classmethod
    def from_settings(cls, settings: Settings, rate_per_s: float | None = None) -> TelegramSender:
        """A sender for the configured bot token and Bot API URL, at the configured rate."""
        token = settings.telegram.token
        if token is None or not token.get_secret_value().strip():
            raise ValueError("outreach needs HIWAR_TELEGRAM__TOKEN")
        rate = rate_per_s or settings.telegram.broadcast_rate_per_s
        request = HTTPXRequest(connection_pool_size=CONNECTIONS, pool_timeout=30.0)
        bot = Bot(
            token.get_secret_value().strip(),
            base_url=settings.telegram.base_url,
            base_file_url=settings.telegram.base_file_url,
            request=request,
        )
        return cls(bot, PacingLimiter(rate))

    async def __aenter__(self) -> Self:
        await self.bot.initialize()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.bot.shutdown()

    async def send(self, chat_id: int, message: OutgoingMessage) -> SendOutcome:
        """One message, paced and retried; Telegram errors become an outcome."""
        markup = reply_markup(message)
        failures = floods = 0
        while True:
            await self.limiter.acquire()
            try:
                await self.bot.send_message(
                    chat_id, message.text, reply_markup=markup,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )  # fmt: skip
                return SendOutcome("sent")
            except RetryAfter as error:
                floods += 1
                if floods >= FLOOD_ATTEMPTS:
                    return SendOutcome("failed", f"flood control: {error}"[:200])
                self.limiter.pause(min(MAX_DELAY_S, _retry_after_s(error)))
            except (Forbidden, BadRequest) as error:
                return _permanent(error)
            except NetworkError as error:
                failures += 1
                if failures >= ATTEMPTS:
                    return SendOutcome("failed", f"network: {error}"[:200])
                await asyncio.sleep(self._backoff_s(failures))
            except TelegramError as error:
                return SendOutcome("failed", str(error)[:200])

    def _backoff_s(self, failures: int) -> float:
        return min(MAX_DELAY_S, self.base_delay_s * 2 ** (failures - 1) * (1 + random.random() / 4))


def _permanent(error: TelegramError) -> SendOutcome:
    """Blocked or gone users are ``blocked``; any other refusal is a failed message."""
    text = str(error)
    if isinstance(error, Forbidden) or any(reason in text.lower() for reason in GONE_CHAT):
        return SendOutcome("blocked", text[:200])
    logger.warning("Telegram refused an outreach message: %s", text)
    return SendOutcome("failed", text[:200])
