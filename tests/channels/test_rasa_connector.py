"""The "hiwar" channel inside a real `rasa run` (Rasa 3.6, its own Python 3.10 env).

Uses a tiny keyword-and-rules bot (tests/channels/rasa_probe) instead of the shipped
model, so it checks the contract between the channel, the gateway and Rasa, not the
dialogue; the model is cached under var/test-cache/ by content hash.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
import yaml
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.channels.pseudonym import pseudonymize
from bot.process.rasa_project import rasa_environment, tracker_store_config
from bot.process.supervisor import ChildSpec
from bot.settings import PROJECT_ROOT, RasaSettings, Settings
from bot.web.app import create_app
from tests.support.processes import free_port, running

PROBE = Path(__file__).with_name("rasa_probe")
RASA = PROJECT_ROOT / ".venv-rasa" / "bin" / "rasa"
TOKEN = "probe-token"
SESSION = "real-rasa-session-0001"

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not RASA.exists(), reason="Rasa environment not installed"),
]


def _probe_model() -> Path:
    """Train the probe bot once per content hash."""
    files = sorted(p for p in PROBE.rglob("*.yml"))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()[:16]
    model = PROJECT_ROOT / "var" / "test-cache" / f"gateway-probe-{digest}.tar.gz"
    if not model.exists():
        model.parent.mkdir(parents=True, exist_ok=True)
        command = [str(RASA), "train", "--config", str(PROBE / "config.yml"), "--domain",
                   str(PROBE / "domain.yml"), "--data", str(PROBE / "data"), "--out",
                   str(model.parent), "--fixed-model-name", model.name.removesuffix(".tar.gz")]  # fmt: skip
        subprocess.run(command, env=rasa_environment(Settings()), cwd=model.parent.parent,
                       check=True, capture_output=True, timeout=600)  # fmt: skip
    return model


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A real `rasa run` with our credentials (hiwar channel) and a SQLite tracker store."""
    tmp = tmp_path_factory.mktemp("real-rasa")
    port = free_port()
    settings = Settings(
        var_dir=tmp,
        secret_key=SecretStr(TOKEN),
        pseudonym_key=SecretStr("probe-pseudonym-key"),
        rasa=RasaSettings(urls=[f"http://127.0.0.1:{port}"]),
    )
    (tmp / "credentials.yml").write_text(
        yaml.safe_dump({"rest": {}, "bot.channels.rasa_connector.HiwarInput": {}})
    )
    endpoints = {"tracker_store": tracker_store_config(settings.tracker_store_url)}
    (tmp / "endpoints.yml").write_text(yaml.safe_dump(endpoints))
    command = [str(RASA), "run", "--enable-api", "--auth-token", TOKEN, "-i", "127.0.0.1", "-p", str(port),
               "--credentials", str(tmp / "credentials.yml"), "--endpoints", str(tmp / "endpoints.yml"),
               "-m", str(_probe_model())]  # fmt: skip
    spec = ChildSpec("rasa-probe", command, health_url=f"http://127.0.0.1:{port}/", cwd=tmp,
                     env=rasa_environment(settings), startup_timeout_s=240)  # fmt: skip
    with running([spec], tmp / "logs"):
        yield settings


def _tracker_rows(settings: Settings, sender: str) -> int:
    engine = sa.create_engine(settings.tracker_store_url)
    with engine.connect() as connection:
        query = sa.text("SELECT count(*) FROM events WHERE sender_id = :sender")
        count = int(connection.execute(query, {"sender": sender}).scalar_one())
    engine.dispose()
    return count


def test_chat_history_and_forget_through_real_rasa(settings: Settings) -> None:
    sender = pseudonymize(settings.pseudonym_key, "web", SESSION)
    with TestClient(create_app(settings)) as client:
        assert client.get("/health").json() == {"status": "ok", "rasa": "up"}
        reply = client.post(
            "/api/chat", json={"session_id": SESSION, "message": "hello", "lang": "en"}
        )
        assert reply.status_code == 200
        assert reply.json()["messages"] == [
            {
                "text": "Hello! I'm an automated assistant.",
                "buttons": [{"title": "Tell me more", "payload": "/greet"}],
            }
        ]
        history = client.get("/api/chat/history", params={"session_id": SESSION}).json()["messages"]
        assert [(m["sender"], m["text"]) for m in history] == [
            ("user", "hello"),
            ("bot", "Hello! I'm an automated assistant."),
        ]
        assert _tracker_rows(settings, sender) > 0

        forget = client.post("/api/chat", json={"session_id": SESSION, "message": "forget me"})
        assert forget.status_code == 200
        assert forget.json()["messages"][-1]["custom"] == {"hiwar_forget": True}
        assert _tracker_rows(settings, sender) == 0
        assert client.get("/api/chat/history", params={"session_id": SESSION}).json() == {
            "messages": []
        }


def test_metadata_reaches_the_tracker(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        client.post("/api/chat", json={"session_id": SESSION + "m", "message": "hi", "lang": "ar"})

    sender = pseudonymize(settings.pseudonym_key, "web", SESSION + "m")
    url = f"{settings.rasa.server_urls()[0]}/conversations/{sender}/tracker"
    events = httpx.get(url, params={"token": TOKEN}).json()["events"]
    user = next(event for event in events if event["event"] == "user")
    assert user["input_channel"] == "hiwar"
    assert {k: user["metadata"][k] for k in ("channel", "lang")} == {"channel": "web", "lang": "ar"}
    assert httpx.get(url).status_code == 401  # the tracker API needs the token


def _webhook(settings: Settings) -> str:
    return f"{settings.rasa.server_urls()[0]}/webhooks/hiwar/webhook"


def test_the_channel_answers_like_the_rest_channel(settings: Settings) -> None:
    body = {"sender": "probe-1", "message": "hello", "metadata": {"channel": "web", "lang": "en"}}
    response = httpx.post(_webhook(settings), json=body, timeout=30)
    assert response.status_code == 200
    assert response.json() == [
        {"recipient_id": "probe-1", "text": "Hello! I'm an automated assistant.",
         "buttons": [{"title": "Tell me more", "payload": "/greet"}]}
    ]  # fmt: skip


def test_unknown_metadata_is_dropped_before_it_reaches_the_tracker(settings: Settings) -> None:
    metadata = {"channel": "sms", "lang": "fr", "phone": "+962700000000"}
    body = {"sender": "probe-2", "message": "hello", "metadata": metadata}
    assert httpx.post(_webhook(settings), json=body, timeout=30).status_code == 200
    url = f"{settings.rasa.server_urls()[0]}/conversations/probe-2/tracker"
    events = httpx.get(url, params={"token": TOKEN}).json()["events"]
    user = next(event for event in events if event["event"] == "user")
    assert user["metadata"]["channel"] is None and user["metadata"]["lang"] is None
    assert "phone" not in user["metadata"]


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2]", b'{"sender": 5, "message": "hi"}', b'{"sender": "p"}',
     b'{"sender": "", "message": "hi"}', b'{"sender": "p", "message": ["hi"]}'],
)  # fmt: skip
def test_malformed_bodies_are_400_not_500(settings: Settings, body: bytes) -> None:
    response = httpx.post(_webhook(settings), content=body, timeout=30)
    assert response.status_code == 400
