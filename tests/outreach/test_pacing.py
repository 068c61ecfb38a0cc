"""The pacing limiter spaces grants evenly and pauses for flood control."""

from __future__ import annotations

import asyncio

import pytest

from bot.outreach.pacing import PacingLimiter


class FakeClock:
    """A clock that advances only when the limiter sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.grants: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


async def test_grants_are_spaced_one_interval_apart() -> None:
    clock = FakeClock()
    limiter = PacingLimiter(10.0, clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(5):
        await limiter.acquire()
        times.append(clock.now)
    assert [round(b - a, 6) for a, b in zip(times, times[1:], strict=False)] == [0.1] * 4


async def test_pause_delays_the_next_grant() -> None:
    clock = FakeClock()
    limiter = PacingLimiter(10.0, clock=clock, sleep=clock.sleep)
    await limiter.acquire()
    limiter.pause(3.0)
    await limiter.acquire()
    assert clock.now == pytest.approx(103.0)


async def test_concurrent_callers_get_distinct_slots() -> None:
    limiter = PacingLimiter(200.0)
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(*(limiter.acquire() for _ in range(21)))
    assert loop.time() - start >= 20 / 200 - 0.01


def test_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="rate_per_s"):
        PacingLimiter(0)
