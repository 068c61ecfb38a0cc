"""Outreach fixtures: migrated databases (SQLite and PostgreSQL), the fake Bot API, a sender."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from pydantic import SecretStr

from bot.knowledge.model import CounterMessage
from bot.outreach.addresses import AddressCipher
from bot.outreach.fake_bot_api import FakeBotApi, serve
from bot.outreach.sender import TelegramSender
from bot.settings import Settings, TelegramSettings

TOKEN = "123456:OUTREACH-TEST"
FAST_RATE = 500.0


def counter(message_id: str, entry: str, en: str | None, ar: str | None) -> CounterMessage:
    """A counter-message with the given texts (None = no text in that language)."""
    text = {lang: value for lang, value in (("en", en), ("ar", ar)) if value}
    return CounterMessage(id=message_id, entry=entry, text=text)  # type: ignore[arg-type]


MESSAGES = [
    counter("m1", "sanctity-of-life", "one life is all humanity", "نفس واحدة كالناس جميعا"),
    counter("m2", "killing-civilians", "civilians are not a battlefield", None),
    counter("m3", "takfir", "who may call a Muslim an unbeliever", "من يكفّر المسلم"),
    counter("m4", "mercy-in-islam", None, "الرحمة في الإسلام"),
]


@pytest.fixture
def cipher() -> AddressCipher:
    """The address cipher under a test secret."""
    return AddressCipher(SecretStr("test-secret-key"))


@pytest.fixture(scope="module")
def fake_api_server() -> Iterator[tuple[FakeBotApi, str]]:
    """The fake Bot API on loopback for the whole module."""
    api = FakeBotApi()
    with serve(api.app()) as url:
        yield api, url


@pytest.fixture
def fake_api(fake_api_server: tuple[FakeBotApi, str]) -> FakeBotApi:
    """The fake with its records, failures and blocked chats cleared."""
    fake_api_server[0].reset()
    return fake_api_server[0]


def telegram_settings(api_url: str, rate: float = FAST_RATE) -> Settings:
    """Settings whose Bot API is the fake."""
    telegram = TelegramSettings(
        token=SecretStr(TOKEN), base_url=f"{api_url}/bot", base_file_url=f"{api_url}/file/bot",
        broadcast_rate_per_s=rate,
    )  # fmt: skip
    return Settings(secret_key=SecretStr("test-secret-key"), telegram=telegram)


@pytest.fixture
async def sender(
    fake_api: FakeBotApi, fake_api_server: tuple[FakeBotApi, str]
) -> AsyncIterator[TelegramSender]:
    """A real TelegramSender talking to the fake, fast enough for tests."""
    async with TelegramSender.from_settings(telegram_settings(fake_api_server[1])) as telegram:
        telegram.base_delay_s = 0.01
        yield telegram
