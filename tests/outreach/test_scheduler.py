"""The scheduler against the fake Bot API: language, order, no repeats, blocked users,
restarts and crashes, concurrent runs."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.outreach.addresses import AddressCipher
from bot.outreach.delivery import LEASE
from bot.outreach.fake_bot_api import FakeBotApi
from bot.outreach.models import Delivery, Subscriber, TelegramAddress
from bot.outreach.scheduler import claim_scheduled, next_due, run_due
from bot.outreach.sender import TelegramSender
from bot.outreach.subscriptions import subscribe
from bot.store.engine import SessionFactory, build_session_factory
from tests.outreach.conftest import MESSAGES

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def add_subscribers(
    factory: SessionFactory, cipher: AddressCipher, people: list[tuple[int, str, str]]
) -> None:
    """Subscribe (chat id, language, frequency) triples at NOW."""
    with factory() as session:
        for chat_id, language, frequency in people:
            subscribe(session, f"p{chat_id}", "telegram", language, frequency, chat_id,
                      cipher=cipher, now=NOW)  # fmt: skip


def received(api: FakeBotApi, chat_id: int) -> list[str]:
    """First lines of the texts the fake accepted for one chat, in order."""
    return [
        str(call.params["text"]).splitlines()[0]
        for call in api.calls
        if call.method == "sendMessage" and call.status == 200 and call.params["chat_id"] == chat_id
    ]


async def run(
    factory: SessionFactory, sender: TelegramSender, cipher: AddressCipher, now: datetime, **kw
):  # type: ignore[no-untyped-def]
    return await run_due(factory, sender, now, messages=MESSAGES, cipher=cipher, **kw)


async def test_each_language_in_file_order_without_repeats(
    session_factory: SessionFactory,
    sender: TelegramSender,
    fake_api: FakeBotApi,
    cipher: AddressCipher,
) -> None:
    add_subscribers(
        session_factory, cipher, [(1, "en", "daily"), (2, "ar", "daily"), (3, "en", "weekly")]
    )
    for day in range(5):
        await run(session_factory, sender, cipher, NOW + day * DAY + timedelta(minutes=1))
    assert received(fake_api, 1) == ["one life is all humanity", "civilians are not a battlefield",
                                     "who may call a Muslim an unbeliever"]  # fmt: skip
    assert received(fake_api, 2) == [
        "نفس واحدة كالناس جميعا",
        "من يكفّر المسلم",
        "الرحمة في الإسلام",
    ]
    assert received(fake_api, 3) == ["one life is all humanity"]
    await run(session_factory, sender, cipher, NOW + 7 * DAY)
    assert received(fake_api, 3)[-1] == "civilians are not a battlefield"


async def test_running_twice_at_the_same_time_sends_nothing_more(
    session_factory: SessionFactory,
    sender: TelegramSender,
    fake_api: FakeBotApi,
    cipher: AddressCipher,
) -> None:
    add_subscribers(session_factory, cipher, [(1, "en", "daily"), (2, "ar", "daily")])
    first = await run(session_factory, sender, cipher, NOW)
    second = await run(session_factory, sender, cipher, NOW)
    assert (first.sent, second.sent) == (2, 0)
    assert len(fake_api.delivered_chat_ids()) == 2


async def test_overlapping_runs_deliver_each_message_once(
    session_factory: SessionFactory,
    sender: TelegramSender,
    fake_api: FakeBotApi,
    cipher: AddressCipher,
) -> None:
    add_subscribers(session_factory, cipher, [(i, "en", "daily") for i in range(1, 8)])
    other = build_session_factory(
        str(session_factory.kw["bind"].url.render_as_string(hide_password=False))
    )
    await asyncio.gather(
        run(session_factory, sender, cipher, NOW, batch_size=2),
        run(other, sender, cipher, NOW, batch_size=3),
    )
    other.kw["bind"].dispose()
    assert sorted(fake_api.delivered_chat_ids()) == list(range(1, 8))


async def test_blocked_user_is_unsubscribed(
    session_factory: SessionFactory,
    sender: TelegramSender,
    fake_api: FakeBotApi,
    cipher: AddressCipher,
) -> None:
    add_subscribers(session_factory, cipher, [(1, "en", "daily"), (2, "en", "daily")])
    fake_api.blocked_chats.add(2)
    summary = await run(session_factory, sender, cipher, NOW)
    assert (summary.sent, summary.blocked) == (1, 1)
    with session_factory() as session:
        blocked = session.scalar(select(Subscriber).where(Subscriber.pseudonym == "p2"))
        assert blocked is not None and not blocked.active
        assert session.get(TelegramAddress, "p2") is None
        assert (
            session.scalar(select(Delivery.status).where(Delivery.subscriber_id == blocked.id))
            == "blocked"
        )
    later = await run(session_factory, sender, cipher, NOW + DAY)
    assert (later.sent, later.blocked) == (1, 0)


async def test_restart_neither_resends_nor_skips(
    session_factory: SessionFactory,
    sender: TelegramSender,
    fake_api: FakeBotApi,
    cipher: AddressCipher,
) -> None:
    add_subscribers(session_factory, cipher, [(1, "en", "daily")])
    await run(session_factory, sender, cipher, NOW)
    url = session_factory.kw["bind"].url.render_as_string(hide_password=False)
    session_factory.kw["bind"].dispose()
    restarted = build_session_factory(url)
    assert (await run(restarted, sender, cipher, NOW)).sent == 0
    assert (await run(restarted, sender, cipher, NOW + DAY)).sent == 1
    restarted.kw["bind"].dispose()
    assert received(fake_api, 1) == ["one life is all humanity", "civilians are not a battlefield"]


async def test_crash_after_claiming_is_at_most_once_and_skips_nobody(
    session_factory: SessionFactory,
    sender: TelegramSender,
    fake_api: FakeBotApi,
    cipher: AddressCipher,
) -> None:
    add_subscribers(session_factory, cipher, [(i, "en", "daily") for i in range(1, 6)])
    with session_factory() as session:  # the process dies right after committing a claim
        claims, _ = claim_scheduled(session, cipher, MESSAGES, NOW, 2)
    crashed = {c.chat_id for c in claims}
    url = session_factory.kw["bind"].url.render_as_string(hide_password=False)
    restarted = build_session_factory(url)
    await run(restarted, sender, cipher, NOW)
    assert sorted(fake_api.delivered_chat_ids()) == sorted(set(range(1, 6)) - crashed)
    await run(restarted, sender, cipher, NOW + LEASE + timedelta(minutes=1))
    with restarted() as session:
        statuses = session.scalars(select(Delivery.status).where(Delivery.message_id == "m1")).all()
    assert sorted(statuses) == ["interrupted"] * 2 + ["sent"] * 3
    await run(restarted, sender, cipher, NOW + DAY)
    restarted.kw["bind"].dispose()
    for chat_id in crashed:  # the interrupted message is not resent; the next one comes
        assert received(fake_api, chat_id) == ["civilians are not a battlefield"]


def test_next_due_keeps_the_grid_and_skips_missed_slots() -> None:
    assert next_due(NOW, "daily", NOW) == NOW + DAY
    assert next_due(NOW, "daily", NOW + 3 * DAY + timedelta(hours=1)) == NOW + 4 * DAY
    assert next_due(NOW, "weekly", NOW + timedelta(minutes=5)) == NOW + timedelta(weeks=1)
