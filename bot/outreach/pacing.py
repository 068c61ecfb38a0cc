"""A pacing rate limiter shared by every send of one bot: evenly spaced, no bursts.

Telegram allows about 30 messages per second across all chats for a bot without paid
broadcasts; spacing sends 1/rate apart stays under that in every window, and a
RetryAfter pauses everyone (flood control applies to the bot, not to one chat).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

TELEGRAM_BROADCAST_RATE = 30.0  # messages per second, Telegram's documented bot limit


class PacingLimiter:
    """Grants one send every ``1 / rate`` seconds, in request order."""

    def __init__(
        self,
        rate_per_s: float = TELEGRAM_BROADCAST_RATE,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate_per_s <= 0:
            raise ValueError("rate_per_s: must be positive")
        self.interval_s = 1.0 / rate_per_s
        self._clock, self._sleep = clock, sleep
        self._next_slot = 0.0

    async def acquire(self) -> None:
        """Wait for this caller's slot (slots are handed out without awaiting, so in order)."""
        now = self._clock()
        slot = max(now, self._next_slot)
        self._next_slot = slot + self.interval_s
        if slot > now:
            await self._sleep(slot - now)

    def pause(self, seconds: float) -> None:
        """Hand out no slot for ``seconds`` from now (Telegram's retry_after)."""
        self._next_slot = max(self._next_slot, self._clock() + seconds)
