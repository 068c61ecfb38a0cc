"""Action server down: the user hears "try again" in their language, the question is queued.

Rasa 3.6 answers a turn whose custom action failed with an empty list, so the fake
Rasa here returns [] and the action server's port has nothing listening on it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select

from bot.channels.action_health import action_health_urls
from bot.channels.conversation import ACTIONS_UNAVAILABLE, take_turn
from bot.channels.rasa_client import RasaClient
from bot.settings import RasaSettings, Settings
from bot.store.engine import SessionFactory, build_session_factory
from bot.store.migrate import upgrade_url
from bot.store.models import ReviewQuestion
from bot.web.app import create_app
from tests.support.processes import free_port
from tests.web.loopback import serve

SENDER = "f" * 64


def silent_rasa(received: list[dict[str, object]]) -> RasaClient:
    """A Rasa that answers every message with nothing, as when an action failed."""

    def handle(request: httpx.Request) -> httpx.Response:
        received.append(json.loads(request.content))
        return httpx.Response(200, json=[])

    return RasaClient(["http://rasa.test"], transport=httpx.MockTransport(handle))


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'hiwar.db'}"
    upgrade_url(url)
    return url


@pytest.fixture
def sessions(database_url: str) -> SessionFactory:
    return build_session_factory(database_url)


def settings_with_actions_at(tmp_path: Path, database_url: str, action_port: int) -> Settings:
    return Settings(
        var_dir=tmp_path, database_url=database_url,
        pseudonym_key=SecretStr("test-pseudonym-key"), secret_key=SecretStr("test-secret-key"),
        rasa=RasaSettings(urls=["http://rasa.test"], action_port=action_port),
    )  # fmt: skip


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """The action server's port is free: nothing answers its health check."""
    return settings_with_actions_at(tmp_path, database_url, free_port())


@pytest.fixture
def healthy_actions_port() -> Iterator[int]:
    app = FastAPI()
    app.get("/health")(lambda: {"status": "ok"})
    with serve(app) as url:
        yield int(url.rsplit(":", 1)[1])


def queued(sessions: SessionFactory) -> list[ReviewQuestion]:
    with sessions() as session:
        return list(session.scalars(select(ReviewQuestion).order_by(ReviewQuestion.id)))


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "Is killing civilians jihad?"), ("ar", "هل قتل المدنيين جهاد؟")],
)
async def test_user_hears_try_again_in_their_language_and_the_question_is_queued(
    settings: Settings, sessions: SessionFactory, lang: str, text: str
) -> None:
    received: list[dict[str, object]] = []
    metadata: dict[str, str | None] = {"channel": "telegram", "lang": lang}

    messages = await take_turn(settings, silent_rasa(received), SENDER, text, metadata, sessions)

    assert [m.text for m in messages] == [ACTIONS_UNAVAILABLE[lang]]  # type: ignore[index]
    [row] = queued(sessions)
    assert (row.text, row.language, row.channel) == (text, lang, "telegram")
    assert (row.pseudonym, row.kind) == (SENDER, "abstained")
    assert len(received) == 1


async def test_language_follows_the_script_when_the_channel_gives_none(
    settings: Settings, sessions: SessionFactory
) -> None:
    metadata: dict[str, str | None] = {"channel": "web", "lang": None}

    messages = await take_turn(settings, silent_rasa([]), SENDER, "ما حكم التكفير؟", metadata)

    assert messages[0].text == ACTIONS_UNAVAILABLE["ar"]
    assert queued(sessions) == []  # no session factory given: nothing to record into


async def test_button_payloads_get_the_apology_but_are_not_queued(
    settings: Settings, sessions: SessionFactory
) -> None:
    metadata: dict[str, str | None] = {"channel": "web", "lang": "en"}

    messages = await take_turn(settings, silent_rasa([]), SENDER, "/deny", metadata, sessions)

    assert messages[0].text == ACTIONS_UNAVAILABLE["en"]
    assert queued(sessions) == []


async def test_an_empty_answer_with_the_action_server_up_passes_through(
    tmp_path: Path, database_url: str, sessions: SessionFactory, healthy_actions_port: int
) -> None:
    settings = settings_with_actions_at(tmp_path, database_url, healthy_actions_port)
    metadata: dict[str, str | None] = {"channel": "web", "lang": "en"}

    messages = await take_turn(settings, silent_rasa([]), SENDER, "hmm", metadata, sessions)

    assert messages == []
    assert queued(sessions) == []


def test_health_urls_accept_base_and_webhook_urls(settings: Settings) -> None:
    urls = ["http://a:5055", "http://b:5055/webhook", "http://c:5055/"]
    configured = settings.model_copy(
        update={"rasa": settings.rasa.model_copy(update={"action_urls": urls})}
    )

    assert action_health_urls(configured) == [
        "http://a:5055/health", "http://b:5055/health", "http://c:5055/health",
    ]  # fmt: skip
    assert action_health_urls(settings) == [f"http://127.0.0.1:{settings.rasa.action_port}/health"]


def test_gateway_chat_api_answers_in_arabic_and_queues_the_question(
    settings: Settings, sessions: SessionFactory
) -> None:
    with TestClient(create_app(settings, rasa=silent_rasa([]))) as client:
        response = client.post(
            "/api/chat",
            json={"session_id": "fault-session-0123456789", "message": "هل قتل المدنيين جهاد؟"},
        )

    assert response.status_code == 200
    assert response.json()["messages"] == [{"text": ACTIONS_UNAVAILABLE["ar"], "buttons": []}]
    [row] = queued(sessions)
    assert (row.language, row.channel, row.kind) == ("ar", "web", "abstained")
