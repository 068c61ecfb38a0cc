"""Helpers for tests that start real processes on loopback."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.process.supervisor import Child, ChildSpec, Supervisor


def pid_running(pid: int) -> bool:
    """Running, not merely a zombie waiting for a reaper."""
    try:
        os.kill(pid, 0)
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (ProcessLookupError, FileNotFoundError):
        return False
    return state != "Z"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(specs: list[ChildSpec], logs_dir: Path) -> Iterator[list[Child]]:
    """Start the children, wait until all are healthy, stop them all afterwards."""
    supervisor = Supervisor(logs_dir)
    try:
        children = [supervisor.start(spec) for spec in specs]
        for child in children:
            supervisor.wait_healthy(child)
        yield children
    finally:
        supervisor.stop_all()
