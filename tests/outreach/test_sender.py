"""TelegramSender against the fake Bot API: keyboards, blocked users, flood control, rate."""

from __future__ import annotations

import asyncio
import time

from bot.outreach.fake_bot_api import FakeBotApi
from bot.outreach.messages import counter_message
from bot.outreach.sender import TelegramSender
from tests.outreach.conftest import MESSAGES, telegram_settings

MESSAGE = counter_message(MESSAGES[0], "en")


async def test_sends_text_with_inline_buttons(sender: TelegramSender, fake_api: FakeBotApi) -> None:
    outcome = await sender.send(42, MESSAGE)
    assert outcome.status == "sent"
    (call,) = fake_api.calls_to("sendMessage")
    assert call["chat_id"] == 42 and call["text"] == MESSAGE.text
    keyboard = call["reply_markup"]["inline_keyboard"]
    assert keyboard[0][0]["callback_data"] == '/ask_question{"entry_id":"sanctity-of-life"}'
    assert len(keyboard[1]) == 2


async def test_blocked_user_is_reported_blocked(
    sender: TelegramSender, fake_api: FakeBotApi
) -> None:
    fake_api.blocked_chats.add(7)
    outcome = await sender.send(7, MESSAGE)
    assert outcome.status == "blocked" and "blocked by the user" in (outcome.error or "")
    assert len(fake_api.calls_to("sendMessage")) == 1  # never retried


async def test_flood_control_waits_retry_after_then_succeeds(
    sender: TelegramSender, fake_api: FakeBotApi
) -> None:
    fake_api.fail("sendMessage", 429)
    started = time.monotonic()
    outcome = await sender.send(42, MESSAGE)
    assert outcome.status == "sent"
    assert time.monotonic() - started >= 0.9  # the fake asked for retry_after=1
    assert len(fake_api.calls_to("sendMessage")) == 2


async def test_network_errors_are_retried_with_backoff(
    sender: TelegramSender, fake_api: FakeBotApi
) -> None:
    fake_api.fail("sendMessage", 502, 502)
    assert (await sender.send(42, MESSAGE)).status == "sent"
    assert len(fake_api.calls_to("sendMessage")) == 3


async def test_gives_up_after_its_attempts(sender: TelegramSender, fake_api: FakeBotApi) -> None:
    fake_api.fail("sendMessage", 502, 502, 502, 502, 502)
    outcome = await sender.send(42, MESSAGE)
    assert outcome.status == "failed" and "network" in (outcome.error or "")


async def test_rate_limit_is_honoured(
    fake_api: FakeBotApi, fake_api_server: tuple[FakeBotApi, str]
) -> None:
    rate, count = 20.0, 30
    settings = telegram_settings(fake_api_server[1], rate)
    async with TelegramSender.from_settings(settings) as sender:
        fake_api.reset()
        started = time.monotonic()
        outcomes = await asyncio.gather(*(sender.send(100 + i, MESSAGE) for i in range(count)))
        elapsed = time.monotonic() - started
    assert {o.status for o in outcomes} == {"sent"}
    assert elapsed >= (count - 1) / rate
    # Arrival times carry the server thread's scheduling jitter on a loaded machine: allow a few
    # extra per window (unpaced, all 30 would arrive within one second).
    times = sorted(c.at for c in fake_api.calls if c.method == "sendMessage")
    assert max(sum(1 for t in times if s <= t < s + 1) for s in times) <= rate + 3
