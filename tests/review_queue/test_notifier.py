"""Scholar-answer notices: opted-in askers told once, in their conversation and on Telegram.

Rasa is a recording fake here (tests/rasa/test_end_to_end.py runs the real one); the
Telegram side is the real python-telegram-bot ``Bot`` against the fake Bot API server.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot.channels.messages import BotMessage, Button
from bot.channels.rasa_client import RasaUnavailable
from bot.channels.telegram.push import TelegramPush
from bot.outreach.addresses import AddressCipher, save_address
from bot.outreach.fake_bot_api import FakeBotApi
from bot.review_queue.notifier import NOTICE_INTENT, NoticeSummary, notify_askers
from bot.review_queue.service import link_questions, record_question, request_scholar
from bot.store.engine import SessionFactory
from bot.store.models import ReviewQuestion
from tests.outreach.conftest import (  # noqa: F401 (fixtures)
    fake_api,
    fake_api_server,
    telegram_settings,
)

CHAT_ID = 4242
ANSWER = "Takfir is not for individuals to pronounce."


class FakeConversations:
    """Records triggered intents; answers like the action server, or fails on demand."""

    def __init__(self) -> None:
        self.triggered: list[tuple[str, str, dict[str, str]]] = []
        self.down = False
        self.silent = False

    async def trigger_intent(
        self, sender_id: str, intent: str, entities: dict[str, str]
    ) -> list[BotMessage]:
        if self.down:
            raise RasaUnavailable("r1: ConnectError")
        self.triggered.append((sender_id, intent, entities))
        if self.silent:
            return []
        feedback = f'/feedback_helpful{{"entry_id": "{entities["entry_id"]}"}}'
        return [
            BotMessage(text="Good news: the scholars answered."),
            BotMessage(text=ANSWER, buttons=[Button(title="👍", payload=feedback),
                                             Button(title="x", payload="/" + "y" * 80)]),
        ]  # fmt: skip


@pytest.fixture
def cipher() -> AddressCipher:
    return AddressCipher(SecretStr("test-secret-key"))


@pytest.fixture
async def push(
    fake_api: FakeBotApi,  # noqa: F811
    fake_api_server: tuple[FakeBotApi, str],  # noqa: F811
) -> AsyncIterator[TelegramPush]:
    pusher = TelegramPush.from_settings(telegram_settings(fake_api_server[1]))
    assert pusher is not None
    async with pusher:
        yield pusher


def _ask(sessions: SessionFactory, pseudonym: str, channel: str, consent: bool = True) -> int:
    with sessions() as session:
        if consent:
            return request_scholar(
                session, text="Is takfir allowed?", language="en", channel=channel,
                pseudonym=pseudonym,
            ).id  # fmt: skip
        return record_question(
            session, text="Is takfir allowed?", language="en", channel=channel,
            pseudonym=pseudonym, kind="abstained",
        ).id  # fmt: skip


def _link(sessions: SessionFactory, ids: list[int], entry_id: str = "takfir") -> None:
    with sessions() as session:
        link_questions(session, ids, entry_id)


def _notified(sessions: SessionFactory) -> dict[int, bool]:
    with sessions() as session:
        rows = session.execute(select(ReviewQuestion.id, ReviewQuestion.notified_at))
        return {row_id: at is not None for row_id, at in rows}


async def test_a_telegram_asker_is_told_once_in_the_chat_they_asked_from(
    session_factory: SessionFactory, cipher: AddressCipher, push: TelegramPush,
    fake_api: FakeBotApi,  # noqa: F811
) -> None:  # fmt: skip
    asked = _ask(session_factory, "tg-asker", "telegram")
    with session_factory() as session:
        save_address(session, cipher, "tg-asker", CHAT_ID)
        session.commit()
    conversations = FakeConversations()
    servable = {"takfir"}

    unlinked = await notify_askers(
        session_factory, conversations, servable=servable, cipher=cipher, telegram=push
    )
    assert unlinked == NoticeSummary() and conversations.triggered == []

    _link(session_factory, [asked])
    summary = await notify_askers(
        session_factory, conversations, servable=servable, cipher=cipher, telegram=push
    )
    assert summary == NoticeSummary(told=1, sent=1)
    assert conversations.triggered == [("tg-asker", NOTICE_INTENT, {"entry_id": "takfir"})]
    sent = fake_api.calls_to("sendMessage")
    assert [call["chat_id"] for call in sent] == [CHAT_ID, CHAT_ID]
    assert sent[1]["text"] == ANSWER
    buttons = [
        b["callback_data"] for row in sent[1]["reply_markup"]["inline_keyboard"] for b in row
    ]
    assert buttons == ['/feedback_helpful{"entry_id": "takfir"}']  # the long payload is dropped
    assert _notified(session_factory) == {asked: True}

    again = await notify_askers(
        session_factory, conversations, servable=servable, cipher=cipher, telegram=push
    )
    assert again == NoticeSummary() and len(conversations.triggered) == 1


async def test_a_web_asker_is_told_in_the_conversation_only(
    session_factory: SessionFactory, cipher: AddressCipher
) -> None:
    asked = _ask(session_factory, "web-asker", "web")
    no_consent = _ask(session_factory, "silent", "web", consent=False)
    _link(session_factory, [asked, no_consent])
    conversations = FakeConversations()
    summary = await notify_askers(
        session_factory, conversations, servable={"takfir"}, cipher=cipher, telegram=None
    )
    assert summary == NoticeSummary(told=1)
    assert [sender for sender, _, _ in conversations.triggered] == ["web-asker"]
    assert _notified(session_factory) == {asked: True, no_consent: False}


async def test_unservable_entries_and_missing_telegram_wait(
    session_factory: SessionFactory, cipher: AddressCipher
) -> None:
    draft = _ask(session_factory, "web-asker", "web")
    telegram_asker = _ask(session_factory, "tg-asker", "telegram")
    _link(session_factory, [draft], "new-draft")
    _link(session_factory, [telegram_asker], "takfir")
    conversations = FakeConversations()
    summary = await notify_askers(
        session_factory, conversations, servable={"takfir"}, cipher=cipher, telegram=None
    )
    assert summary == NoticeSummary(waiting=2) and conversations.triggered == []
    assert not any(_notified(session_factory).values())


async def test_rasa_or_the_action_server_down_leaves_the_notice_for_the_next_round(
    session_factory: SessionFactory, cipher: AddressCipher
) -> None:
    asked = _ask(session_factory, "web-asker", "web")
    _link(session_factory, [asked])
    conversations = FakeConversations()
    conversations.down = True
    args = {"servable": {"takfir"}, "cipher": cipher, "telegram": None}
    assert await notify_askers(session_factory, conversations, **args) == NoticeSummary(failed=1)
    conversations.down, conversations.silent = False, True
    assert await notify_askers(session_factory, conversations, **args) == NoticeSummary(failed=1)
    assert _notified(session_factory) == {asked: False}
    conversations.silent = False
    assert await notify_askers(session_factory, conversations, **args) == NoticeSummary(told=1)


async def test_a_blocked_bot_does_not_stop_the_round(
    session_factory: SessionFactory, cipher: AddressCipher, push: TelegramPush,
    fake_api: FakeBotApi,  # noqa: F811
) -> None:  # fmt: skip
    first, second = (
        _ask(session_factory, "blocker", "telegram"),
        _ask(session_factory, "fan", "telegram"),
    )
    with session_factory() as session:
        save_address(session, cipher, "blocker", 1)
        save_address(session, cipher, "fan", 2)
        session.commit()
    fake_api.blocked_chats.add(1)
    _link(session_factory, [first, second])
    summary = await notify_askers(
        session_factory, FakeConversations(), servable={"takfir"}, cipher=cipher, telegram=push
    )
    assert summary == NoticeSummary(told=2, sent=1)
    assert fake_api.delivered_chat_ids() == [2, 2]
    assert _notified(session_factory) == {first: True, second: True}
