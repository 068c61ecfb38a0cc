"""Retrying Telegram API calls that failed for transient reasons, with backoff.

Flood control (RetryAfter) waits as long as Telegram asks; network errors and
timeouts back off exponentially. BadRequest is a NetworkError subclass in
python-telegram-bot but retrying it cannot help, so it is raised at once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from collections.abc import Awaitable, Callable

from telegram.error import BadRequest, NetworkError, RetryAfter

logger = logging.getLogger(__name__)

ATTEMPTS = 4
BASE_DELAY_S = 0.5
MAX_DELAY_S = 30.0


def _retry_delay(error: Exception, attempt: int, base_delay_s: float) -> float | None:
    """Seconds to wait before the next attempt, or None when the error is permanent."""
    if isinstance(error, RetryAfter):
        wait = error.retry_after
        seconds = wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)
        return min(MAX_DELAY_S, seconds)
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        return min(MAX_DELAY_S, base_delay_s * 2**attempt * (1 + random.random() / 4))
    return None


async def with_retries[T](
    call: Callable[[], Awaitable[T]],
    attempts: int = ATTEMPTS,
    base_delay_s: float = BASE_DELAY_S,
) -> T:
    """Await ``call()`` until it succeeds, a permanent error occurs, or attempts run out."""
    for attempt in range(attempts):
        try:
            return await call()
        except (RetryAfter, NetworkError) as error:
            delay = _retry_delay(error, attempt, base_delay_s)
            if delay is None or attempt == attempts - 1:
                raise
            logger.warning("Telegram call failed (%s); retrying in %.1f s", error, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")
