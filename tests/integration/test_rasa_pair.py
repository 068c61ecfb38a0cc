"""Rasa 3.6.21 (Python 3.10 env) calls rasa-sdk 3.21 (Python 3.12 env): the pair must work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from bot.process.rasa_project import PROJECT_ROOT
from bot.process.supervisor import ChildSpec
from tests.support.processes import free_port, running

PAIR_BOT = Path(__file__).parent / "pair_bot"
RASA = PROJECT_ROOT / ".venv-rasa" / "bin" / "rasa"

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def pair_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny pair-check bot, trained once for this module."""
    out = tmp_path_factory.mktemp("pair-model")
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    subprocess.run(
        [str(RASA), "train", "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
         "--out", str(out), "--fixed-model-name", "pair"],
        cwd=PAIR_BOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    return out / "pair.tar.gz"


def test_rasa_36_server_round_trips_slot_and_buttons_through_sdk_321(
    pair_model: Path, tmp_path: Path
) -> None:
    rasa_port, action_port = free_port(), free_port()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f"action_endpoint:\n  url: http://127.0.0.1:{action_port}/webhook\n")
    action_env = {**os.environ, "PYTHONPATH": f"{Path(__file__).parent}:{PROJECT_ROOT}"}
    specs = [
        ChildSpec(
            "pair-actions",
            [sys.executable, "-m", "bot.process.action_server", "--port", str(action_port),
             "--actions", "pair_actions"],
            health_url=f"http://127.0.0.1:{action_port}/health", env=action_env,
        ),
        ChildSpec(
            "pair-rasa",
            [str(RASA), "run", "--enable-api", "--interface", "127.0.0.1", "--port", str(rasa_port),
             "--model", str(pair_model), "--endpoints", str(endpoints)],
            health_url=f"http://127.0.0.1:{rasa_port}/status", health_contains=".tar.gz",
            env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"}, cwd=tmp_path,
            startup_timeout_s=240,
        ),
    ]  # fmt: skip
    with running(specs, tmp_path / "logs") as children:
        base = f"http://127.0.0.1:{rasa_port}"
        reply = httpx.post(
            f"{base}/webhooks/rest/webhook",
            json={"sender": "pair-user", "message": "hello"},
            timeout=60,
        )
        tracker = httpx.get(f"{base}/conversations/pair-user/tracker", timeout=30).json()
        action_log = children[0].log_path.read_text()

    assert reply.status_code == 200
    assert reply.json() == [
        {
            "recipient_id": "pair-user",
            "text": "pair ok for pair-user",
            "buttons": [{"title": "Again", "payload": "/greet"}],
        }
    ]
    assert tracker["slots"]["greeted"] is True
    assert "might not be compatible" not in action_log
