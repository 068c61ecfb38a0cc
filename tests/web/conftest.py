"""Fixtures for the gateway: a fake Rasa on loopback, settings pointing at it, a client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.settings import RasaSettings, Settings, WebSettings
from bot.web.app import create_app
from tests.web.fake_rasa import FakeRasa
from tests.web.loopback import serve

SESSION = "test-session-0123456789"


@pytest.fixture
def fake_rasa() -> Iterator[tuple[FakeRasa, str]]:
    """A fake Rasa server and its base URL."""
    fake = FakeRasa()
    with serve(fake.app()) as url:
        yield fake, url


def make_settings(tmp_path: Path, rasa_urls: list[str], **web: object) -> Settings:
    """Settings for one test: its own var/ and tracker database, known secrets."""
    return Settings(
        var_dir=tmp_path,
        pseudonym_key=SecretStr("test-pseudonym-key"),
        secret_key=SecretStr("test-secret-key"),
        rasa=RasaSettings(urls=rasa_urls, request_timeout_s=5.0),
        web=WebSettings(cors_origins=["https://centre.example"], **web),  # type: ignore[arg-type]
    )


@pytest.fixture
def settings(tmp_path: Path, fake_rasa: tuple[FakeRasa, str]) -> Settings:
    """Settings pointing at the fake Rasa."""
    return make_settings(tmp_path, [fake_rasa[1]])


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """The real gateway app (lifespan included) talking to the fake Rasa."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client
