"""The Telegram stack under test: fake Bot API + fake Rasa on loopback, the real gateway."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.settings import Settings, TelegramSettings
from bot.web.app import create_app
from tests.channels.telegram.fake_bot_api import FakeBotApi
from tests.web.conftest import make_settings
from tests.web.fake_rasa import FakeRasa
from tests.web.loopback import serve

SECRET = "webhook-secret-123"
WEBHOOK_URL = "https://hiwar.example/telegram/webhook"


@dataclass
class TelegramStack:
    """What a test drives (gateway) and inspects (the two fakes)."""

    api: FakeBotApi
    rasa: FakeRasa
    settings: Settings
    gateway: TestClient

    def post_update(self, update: dict, secret: str | None = SECRET) -> int:
        """Deliver an update to the webhook as Telegram would; the HTTP status."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        return self.gateway.post("/telegram/webhook", json=update, headers=headers).status_code


def telegram_settings(
    tmp_path: Path, api_url: str, rasa_url: str, webhook_url: str = WEBHOOK_URL
) -> Settings:
    """Settings with Telegram pointed at the fake Bot API."""
    settings = make_settings(tmp_path, [rasa_url])
    settings.telegram = TelegramSettings(
        token=SecretStr("123456:TEST-TOKEN"),
        webhook_url=webhook_url,
        secret_token=SecretStr(SECRET),
        base_url=f"{api_url}/bot",
        base_file_url=f"{api_url}/file/bot",
    )
    return settings


@pytest.fixture(scope="module")
def fakes() -> Iterator[tuple[FakeBotApi, str, FakeRasa, str]]:
    """Both fakes, running for the whole module."""
    api, rasa = FakeBotApi(), FakeRasa()
    with serve(api.app()) as api_url, serve(rasa.app()) as rasa_url:
        yield api, api_url, rasa, rasa_url


@pytest.fixture(scope="module")
def module_stack(
    fakes: tuple[FakeBotApi, str, FakeRasa, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TelegramStack]:
    """The gateway in webhook mode, started once per module."""
    api, api_url, rasa, rasa_url = fakes
    settings = telegram_settings(tmp_path_factory.mktemp("tg"), api_url, rasa_url)
    with TestClient(create_app(settings)) as gateway:
        yield TelegramStack(api, rasa, settings, gateway)


@pytest.fixture
def stack(module_stack: TelegramStack) -> TelegramStack:
    """The module's stack with the fakes' records cleared."""
    module_stack.api.reset()
    module_stack.rasa.received.clear()
    module_stack.rasa.fail_next = 0
    return module_stack
