"""Backoff on transient Telegram errors; permanent ones raise at once."""

from __future__ import annotations

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.channels.telegram.retry import with_retries


class Flaky:
    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "sent"


async def test_retries_network_errors_timeouts_and_flood_control() -> None:
    call = Flaky(NetworkError("reset"), TimedOut(), RetryAfter(0))
    assert await with_retries(call, base_delay_s=0.001) == "sent"
    assert call.calls == 4


@pytest.mark.parametrize("error", [BadRequest("chat not found"), Forbidden("bot was blocked")])
async def test_permanent_errors_are_not_retried(error: Exception) -> None:
    call = Flaky(error)
    with pytest.raises(type(error)):
        await with_retries(call, base_delay_s=0.001)
    assert call.calls == 1


async def test_gives_up_after_the_last_attempt() -> None:
    call = Flaky(*[NetworkError("down")] * 5)
    with pytest.raises(NetworkError):
        await with_retries(call, attempts=3, base_delay_s=0.001)
    assert call.calls == 3
