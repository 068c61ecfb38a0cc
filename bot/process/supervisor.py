"""Start child processes, wait until each is healthy, and stop every one of them cleanly.

Each child runs in its own process group with its output in ``var/logs/<name>.log``; a child
that fails to start is reported by name with the path and tail of its log.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)


class StartupError(RuntimeError):
    """A child process did not become healthy; the message names it and its log."""


@dataclass(frozen=True)
class ChildSpec:
    """How to start one process and how to know it is ready."""

    name: str
    command: list[str]
    health_url: str | None = None
    health_contains: str = ""  # a body substring that proves readiness (Rasa: a loaded model)
    env: dict[str, str] | None = None
    cwd: Path | None = None
    startup_timeout_s: float = 120.0


@dataclass
class Child:
    """A running child process and where its output goes."""

    spec: ChildSpec
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_tail(self, lines: int = 15) -> str:
        """The last lines of the child's log, for error messages."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def is_healthy(url: str, contains: str = "", timeout_s: float = 2.0) -> bool:
    """True when the URL answers 2xx and its body holds the expected text."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:  # noqa: S310 (loopback)
            body = response.read().decode(errors="replace")
            return 200 <= response.status < 300 and contains in body
    except (urllib.error.URLError, OSError, ValueError):
        return False


@dataclass
class Supervisor:
    """Owns the children of one ``hiwar run``; stops all of them on exit."""

    logs_dir: Path
    pid_file: Path | None = None
    children: list[Child] = field(default_factory=list)

    def start(self, spec: ChildSpec) -> Child:
        """Start a child in its own process group, its output in its log file."""
        self.logs_dir.mkdir(parents=True, exist_ok=True)
        log_path = self.logs_dir / f"{spec.name}.log"
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                spec.command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=spec.env,
                cwd=spec.cwd,
                start_new_session=True,
            )
        child = Child(spec, process, log_path)
        self.children.append(child)
        self._write_pids()
        logger.info("started %s (pid %s), log: %s", spec.name, process.pid, log_path)
        return child

    def wait_healthy(self, child: Child, should_stop: Callable[[], bool] = lambda: False) -> None:
        """Block until the child's health URL answers, or raise StartupError."""
        if child.spec.health_url is None:
            return
        deadline = time.monotonic() + child.spec.startup_timeout_s
        while time.monotonic() < deadline and not should_stop():
            if child.process.poll() is not None:
                raise StartupError(
                    self._failure(child, f"exited with code {child.process.returncode}")
                )
            if is_healthy(child.spec.health_url, child.spec.health_contains):
                logger.info("%s is healthy at %s", child.spec.name, child.spec.health_url)
                return
            time.sleep(0.5)
        if not should_stop():
            raise StartupError(
                self._failure(child, f"not healthy after {child.spec.startup_timeout_s:.0f} s")
            )

    def first_exited(self) -> Child | None:
        """A child that has stopped on its own, if any."""
        return next((c for c in self.children if c.process.poll() is not None), None)

    def stop_all(self, grace_s: float = 15.0) -> None:
        """SIGTERM every process group, then SIGKILL what is left after the grace period."""
        for child in reversed(self.children):
            _signal_group(child.process, signal.SIGTERM)
        deadline = time.monotonic() + grace_s
        for child in reversed(self.children):
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("%s ignored SIGTERM; killing it", child.spec.name)
                _signal_group(child.process, signal.SIGKILL)
                child.process.wait()
            _signal_group(child.process, signal.SIGKILL)  # grandchildren left in the group
        self.children.clear()
        if self.pid_file is not None:
            self.pid_file.unlink(missing_ok=True)

    def _failure(self, child: Child, what: str) -> str:
        return (
            f"{child.spec.name} failed to start: {what}.\n"
            f"Its log is {child.log_path}; last lines:\n{child.log_tail()}"
        )

    def _write_pids(self) -> None:
        if self.pid_file is None:
            return
        self.pid_file.parent.mkdir(parents=True, exist_ok=True)
        pids = {c.spec.name: c.process.pid for c in self.children}
        self.pid_file.write_text(json.dumps({"supervisor": os.getpid(), "children": pids}))


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)
