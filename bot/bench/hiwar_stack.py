"""Hiwar's stack for the benchmark: started as `hiwar run` starts it, in a private var/.

The private directory (``var/bench/hiwar``) gets a copy of the trained model, its own index,
tracker store and logs, and the processes listen on free loopback ports, so a benchmark never
disturbs a developer's running bot. Rate limits are switched off (a rate of 0): twenty users
on one loopback address would otherwise be throttled as one flooding client.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bot.process.preparation import prepare
from bot.process.rasa_project import RasaProject
from bot.process.stack import stack_specs
from bot.process.supervisor import Child, ChildSpec, Supervisor
from bot.settings import Settings

NOT_BENCHED = ("telegram",)  # every Rasa/action-server replica and the gateway, no poller
STALE_MARKER = "hiwar.stale"
LOOPBACK = "127.0.0.1"


class ModelMissing(RuntimeError):
    """There is no current trained model to benchmark; `hiwar train` makes one."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class BenchStack:
    """The settings the children read from their environment, and that environment."""

    settings: Settings
    env_overrides: dict[str, str]
    stale_model: bool = False

    @property
    def gateway_url(self) -> str:
        """Where the simulated users send their messages."""
        return f"http://{self.settings.web.host}:{self.settings.web.port}"


def bench_stack(settings: Settings) -> BenchStack:
    """Settings for a private, loopback-only, unthrottled copy of the stack, and their env."""
    changes: dict[str, dict[str, Any]] = {
        "rasa": {
            "host": LOOPBACK, "port": free_port(), "urls": [],
            "action_host": LOOPBACK, "action_port": free_port(), "action_urls": [],
        },
        "web": {
            "host": LOOPBACK, "port": free_port(),
            "session_rate_per_minute": 0, "ip_rate_per_minute": 0,
        },
        "telegram": {"webhook_url": ""},  # no Telegram webhook set-up from a benchmark
    }  # fmt: skip
    var_dir = settings.var_dir / "bench" / "hiwar"
    groups = {
        name: getattr(settings, name).model_copy(update=values) for name, values in changes.items()
    }
    overrides = {"HIWAR_VAR_DIR": str(var_dir)} | {
        f"HIWAR_{group.upper()}__{name.upper()}": (
            json.dumps(value) if isinstance(value, list) else str(value)
        )
        for group, values in changes.items()
        for name, value in values.items()
    }
    return BenchStack(settings.model_copy(update={"var_dir": var_dir, **groups}), overrides)


def seed_model(source: RasaProject, target: RasaProject, allow_stale: bool = False) -> bool:
    """Put a model in the private var/: the current private copy, else the developer's.

    A stale model (trained from other inputs than nlu_data/ holds now) is refused unless
    ``allow_stale``: speed hardly depends on the last edits, and while someone is editing the
    training data a benchmark should not retrain for minutes. Returns True for a stale model.
    """
    marker = target.models_dir / STALE_MARKER
    if target.model_is_current() and not marker.exists():
        return False
    if source.model_is_current() or (allow_stale and source.model_path.exists()):
        target.models_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source.model_path, target.model_path)
        shutil.copy2(source.fingerprint_path, target.fingerprint_path)
        marker.unlink(missing_ok=True)
    if target.model_is_current() and not marker.exists():
        return False
    if not allow_stale or not target.model_path.exists():
        raise ModelMissing(f"no current Rasa model at {source.model_path}; run `hiwar train` first")
    # `hiwar run`'s preparation would retrain a stale model: mark the copy as the model to use.
    target.fingerprint_path.write_text(target.fingerprint())
    marker.write_text("trained from older inputs than nlu_data/ holds now\n")
    return True


def prepare_bench_stack(
    settings: Settings, allow_stale_model: bool = False
) -> tuple[BenchStack, list[ChildSpec]]:
    """Seed the model, build the private index, and return the children to start."""
    stack = bench_stack(settings)
    project = RasaProject.from_settings(stack.settings)
    stale = seed_model(RasaProject.from_settings(settings), project, allow_stale_model)
    prepare(stack.settings, project)  # validates, builds the index; the model is reused
    specs = [
        replace(spec, env=child_env(spec, stack.env_overrides))
        for spec in stack_specs(stack.settings, project)
        if spec.name not in NOT_BENCHED
    ]
    return replace(stack, stale_model=stale), specs


def child_env(spec: ChildSpec, overrides: dict[str, str]) -> dict[str, str]:
    """The private stack's environment, under what the spec itself sets.

    The overrides empty ``HIWAR_RASA__URLS`` so a developer's configured replicas are never
    benchmarked; the gateway spec sets it again to the private replicas, and that wins.
    """
    own = {key: value for key, value in (spec.env or {}).items() if os.environ.get(key) != value}
    return {**os.environ, **(spec.env or {}), **overrides, **own}


@contextmanager
def running(specs: list[ChildSpec], var_dir: Path) -> Iterator[list[Child]]:
    """Start the children, wait until every one is healthy, and stop them all afterwards."""
    supervisor = Supervisor(var_dir / "logs", pid_file=var_dir / "run" / "bench.json")
    try:
        children = [supervisor.start(spec) for spec in specs]
        for child in children:
            supervisor.wait_healthy(child)
        yield children
    finally:
        supervisor.stop_all()
