"""The load generator: bounds, error classification, and a short run against a fake server."""

from __future__ import annotations

import json
import random
from collections import Counter

import httpx
import pytest

from bot.bench.conversations import Message, hiwar_conversation, stock_conversation
from bot.bench.e2e import (
    Budget,
    LoadLimits,
    gateway_target,
    rest_webhook_target,
    run_load,
    send_one,
)
from bot.bench.report import count_errors, throughput


def greeting_only(rng: random.Random) -> list[Message]:
    return [Message("greeting", "hello"), Message("question", "is it jihad?")]


def with_failures(rng: random.Random) -> list[Message]:
    return [Message("greeting", "hi"), Message("question", "fail"), Message("thanks", "silence")]


def test_targets_refuse_anything_but_loopback() -> None:
    with pytest.raises(ValueError, match="only sends to loopback"):
        gateway_target("http://example.org")
    assert rest_webhook_target("http://localhost:5005").url.endswith("/webhooks/rest/webhook")


def test_budget_stops_at_the_message_count_or_the_deadline() -> None:
    now = [0.0]
    budget = Budget(LoadLimits(users=1, duration_s=10, max_messages=3), clock=lambda: now[0])
    assert [budget.take() for _ in range(4)] == [True, True, True, False]
    timed = Budget(LoadLimits(users=1, duration_s=10), clock=lambda: now[0])
    assert timed.take()
    now[0] = 10.0
    assert not timed.take()


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (httpx.Response(200, json={"messages": [{"text": "hi"}]}), ""),
        (httpx.Response(503, json={"detail": "down"}), "HTTP 503"),
        (httpx.Response(200, json={"messages": []}), "empty reply"),
        (httpx.Response(200, text="not json"), "JSONDecodeError"),
    ],
)
async def test_each_reply_is_classified(response: httpx.Response, error: str) -> None:
    transport = httpx.MockTransport(lambda request: response)
    async with httpx.AsyncClient(transport=transport) as client:
        turn = await send_one(
            client, gateway_target("http://127.0.0.1:1"), "s" * 16, Message("q", "x"), 0.0
        )
    assert turn.error == error
    assert turn.latency_s >= 0


async def test_a_timeout_is_an_error_not_an_exception() -> None:
    def time_out(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(time_out)) as client:
        turn = await send_one(
            client, rest_webhook_target("http://127.0.0.1:1"), "s", Message("q", "x"), 0.0
        )
    assert turn.error == "timeout"


async def test_the_message_budget_is_exact_across_users() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[{"text": "ok"}]))
    target = rest_webhook_target("http://127.0.0.1:1")
    limits = LoadLimits(users=7, duration_s=30, max_messages=53)
    result = await run_load(target, greeting_only, limits, transport=transport)
    assert len(result.turns) == 53
    assert {turn.kind for turn in result.turns} == {"greeting", "question"}


def test_conversations_greet_first_and_close_politely() -> None:
    rng = random.Random(1)
    for _ in range(50):
        hiwar = hiwar_conversation(rng)
        assert hiwar[0].kind == "greeting" and hiwar[-1].kind in ("thanks", "goodbye")
        assert sum(m.kind == "question" for m in hiwar) >= 2
        assert stock_conversation(rng)[0].kind == "greeting"


@pytest.mark.integration
async def test_a_three_second_run_against_a_fake_chat_server(fake_chat_url: str) -> None:
    limits = LoadLimits(users=5, duration_s=3.0, max_messages=100_000)
    result = await run_load(gateway_target(fake_chat_url), greeting_only, limits)
    assert 2.9 <= result.elapsed_s < 4.0
    assert not count_errors(result.turns)
    assert throughput(result) > 20  # 5 users and a 5 ms reply allow far more
    sessions = Counter(turn.kind for turn in result.turns)
    assert sessions["greeting"] >= sessions["question"]


@pytest.mark.integration
async def test_failures_on_the_server_are_counted_by_reason(fake_chat_url: str) -> None:
    limits = LoadLimits(users=1, duration_s=5.0, max_messages=30)
    result = await run_load(gateway_target(fake_chat_url), with_failures, limits)
    assert len(result.turns) == 30
    assert count_errors(result.turns) == {"HTTP 500": 10, "empty reply": 10}


@pytest.mark.integration
async def test_paced_users_offer_the_requested_rate(fake_chat_url: str) -> None:
    limits = LoadLimits(users=4, duration_s=3.0, rate_per_s=20.0)
    result = await run_load(gateway_target(fake_chat_url), greeting_only, limits)
    # At most 20 messages/s for 3 s (plus the first of each user); a loaded machine may send fewer.
    assert 10 <= len(result.turns) <= 64
    assert not count_errors(result.turns)


async def test_every_run_uses_new_sessions_so_old_trackers_do_not_grow() -> None:
    sessions: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        sessions.append(json.loads(request.content)["sender"])
        return httpx.Response(200, json=[{"text": "ok"}])

    target = rest_webhook_target("http://127.0.0.1:1")
    limits = LoadLimits(users=2, duration_s=30, max_messages=4)
    for _ in range(2):
        await run_load(target, greeting_only, limits, transport=httpx.MockTransport(record))
    assert len(set(sessions)) == 4  # two conversations per run, none shared between runs
