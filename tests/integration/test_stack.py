"""`hiwar run` (what `make run` calls) brings the whole stack up, reuses its work, stops cleanly."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bot.process.training import TrainingResult
from bot.settings import PROJECT_ROOT
from tests.support.processes import free_port, pid_running

pytestmark = pytest.mark.integration

HIWAR = PROJECT_ROOT / ".venv" / "bin" / "hiwar"
READY_LINE = "Hiwar is running"
STARTUP_TIMEOUT_S = 420


@dataclass
class Stack:
    process: subprocess.Popen[str]
    env: dict[str, str]
    var_dir: Path
    gateway: str
    output: list[str]


def stack_env(var_dir: Path) -> dict[str, str]:
    """A private var/ and free ports, so the test never collides with a developer's stack."""
    return {
        **os.environ,
        "HIWAR_VAR_DIR": str(var_dir),
        "HIWAR_RASA__PORT": str(free_port()),
        "HIWAR_RASA__ACTION_PORT": str(free_port()),
        "HIWAR_WEB__PORT": str(free_port()),
    }


def seed_model(trained: TrainingResult, var_dir: Path) -> None:
    """Start from the suite's trained model, as a developer's second `make run` would."""
    models = var_dir / "models"
    models.mkdir(parents=True)
    shutil.copy2(trained.model_path, models)
    shutil.copy2(trained.model_path.with_name("hiwar.fingerprint"), models)


def wait_for_ready(process: subprocess.Popen[str], output: list[str]) -> None:
    assert process.stdout is not None
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            pytest.fail("hiwar run exited early:\n" + "".join(output))
        output.append(line)
        if READY_LINE in line:
            return
    pytest.fail("hiwar run was not ready in time:\n" + "".join(output))


@pytest.fixture(scope="module")
def stack(
    trained_model: TrainingResult, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    var_dir = tmp_path_factory.mktemp("stack") / "var"
    seed_model(trained_model, var_dir)
    env = stack_env(var_dir)
    process = subprocess.Popen(
        [str(HIWAR), "run"], env=env, cwd=PROJECT_ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    output: list[str] = []
    try:
        wait_for_ready(process, output)
        yield Stack(process, env, var_dir, f"http://127.0.0.1:{env['HIWAR_WEB__PORT']}", output)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def chat(stack: Stack, session: str, message: str) -> list[dict[str, object]]:
    response = httpx.post(
        f"{stack.gateway}/api/chat", json={"session_id": session, "message": message}, timeout=60
    )
    assert response.status_code == 200, response.text
    return response.json()["messages"]


def test_gateway_is_healthy(stack: Stack) -> None:
    response = httpx.get(f"{stack.gateway}/health", timeout=10)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_hello_gets_an_english_reply(stack: Stack) -> None:
    messages = chat(stack, "stack-test-en-0001", "hello")
    text = " ".join(str(m.get("text", "")) for m in messages)
    assert "automated" in text.lower()


def test_marhaba_gets_an_arabic_reply(stack: Stack) -> None:
    messages = chat(stack, "stack-test-ar-0001", "مرحبا")
    text = " ".join(str(m.get("text", "")) for m in messages)
    assert any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_second_run_reuses_the_model_and_index(stack: Stack) -> None:
    model = stack.var_dir / "models" / "hiwar.tar.gz"
    model_mtime = model.stat().st_mtime_ns
    index_target = os.readlink(stack.var_dir / "index" / "current")

    second = subprocess.run(
        [str(HIWAR), "run", "--prepare-only"], env=stack.env, cwd=PROJECT_ROOT,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip

    assert second.returncode == 0, second.stdout + second.stderr
    assert model.stat().st_mtime_ns == model_mtime
    assert os.readlink(stack.var_dir / "index" / "current") == index_target
    assert not (stack.var_dir / "logs" / "train.log").exists()


def test_sigterm_stops_every_child(stack: Stack) -> None:
    pids = json.loads((stack.var_dir / "run" / "hiwar.json").read_text())["children"]
    assert set(pids) >= {"rasa", "action-server", "gateway"}

    stack.process.send_signal(signal.SIGTERM)
    assert stack.process.wait(timeout=60) == 0

    for name, pid in pids.items():
        assert not pid_running(pid), f"{name} (pid {pid}) is still running"
