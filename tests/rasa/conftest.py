"""Fixtures for tests that run the Rasa environment: the project paths and free ports.

The trained model comes from the suite-wide ``trained_model`` fixture (tests/conftest.py),
trained once per run and only when nlu_data/ changed.
"""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

from bot.process.rasa_project import RasaProject, rasa_environment
from bot.settings import Settings


@pytest.fixture(scope="session")
def rasa_project() -> RasaProject:
    """The shipped project; a missing Rasa environment is a failure, not a skip."""
    project = RasaProject.from_settings(Settings())
    assert project.rasa_bin.exists(), (
        f"Rasa environment missing: {project.rasa_bin} (run uv/.ci setup)"
    )
    return project


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_rasa(args: list[str], cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """Run a Rasa CLI command in the Rasa environment, output captured."""
    project = RasaProject.from_settings(Settings())
    return subprocess.run(
        [str(project.rasa_bin), *args], cwd=cwd, env=rasa_environment(Settings()),
        capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
