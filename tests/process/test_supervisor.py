"""The supervisor starts children, reports a failed start by name and log, and leaves nothing behind."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from bot.process.supervisor import ChildSpec, StartupError, Supervisor
from tests.support.processes import free_port, pid_running

HTTP_SERVER = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1"]


def test_child_becomes_healthy_and_is_stopped(tmp_path: Path) -> None:
    port = free_port()
    supervisor = Supervisor(tmp_path / "logs", pid_file=tmp_path / "run.json")
    child = supervisor.start(
        ChildSpec("web", [*HTTP_SERVER, str(port)], health_url=f"http://127.0.0.1:{port}/")
    )
    supervisor.wait_healthy(child)
    assert (tmp_path / "run.json").exists()

    supervisor.stop_all()

    assert child.process.poll() is not None
    assert not (tmp_path / "run.json").exists()


def test_failed_start_names_the_process_and_its_log(tmp_path: Path) -> None:
    supervisor = Supervisor(tmp_path / "logs")
    code = "import sys; print('port already in use'); sys.exit(3)"
    child = supervisor.start(
        ChildSpec("gateway", [sys.executable, "-c", code], health_url="http://127.0.0.1:9/")
    )

    with pytest.raises(StartupError) as error:
        supervisor.wait_healthy(child)

    message = str(error.value)
    assert message.startswith("gateway failed to start: exited with code 3")
    assert str(tmp_path / "logs" / "gateway.log") in message
    assert "port already in use" in message


def test_stop_all_kills_grandchildren_too(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild.pid"
    code = (
        "import subprocess, sys, time;"
        f"p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']);"
        f"open({str(pid_file)!r}, 'w').write(str(p.pid)); time.sleep(60)"
    )
    supervisor = Supervisor(tmp_path / "logs")
    supervisor.start(ChildSpec("parent", [sys.executable, "-c", code]))
    deadline = time.monotonic() + 10
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    grandchild = int(pid_file.read_text())

    supervisor.stop_all(grace_s=5)

    time.sleep(0.2)
    assert not pid_running(grandchild)


def test_first_exited_reports_a_child_that_died(tmp_path: Path) -> None:
    supervisor = Supervisor(tmp_path / "logs")
    child = supervisor.start(ChildSpec("short", [sys.executable, "-c", "pass"]))
    child.process.wait()

    assert supervisor.first_exited() is child
    supervisor.stop_all()
