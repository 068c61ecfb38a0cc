"""Token buckets: bursts up to the rate, refill over time, bounded memory, 0 disables."""

from __future__ import annotations

from bot.web.ratelimit import TokenBuckets


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_allows_the_rate_then_says_how_long_to_wait() -> None:
    clock = Clock()
    buckets = TokenBuckets(rate_per_minute=3, clock=clock)
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == 20.0
    clock.now = 20.0
    assert buckets.take("a") == 0.0


def test_keys_are_independent() -> None:
    buckets = TokenBuckets(rate_per_minute=1, clock=Clock())
    assert buckets.take("a") == 0.0
    assert buckets.take("b") == 0.0
    assert buckets.take("a") > 0


def test_memory_is_bounded_by_max_keys() -> None:
    buckets = TokenBuckets(rate_per_minute=5, max_keys=100, clock=Clock())
    for n in range(10_000):
        buckets.take(f"key-{n}")
    assert len(buckets) == 100


def test_rate_zero_disables_the_limit() -> None:
    buckets = TokenBuckets(rate_per_minute=0)
    assert all(buckets.take("a") == 0.0 for _ in range(1000))
    assert len(buckets) == 0
