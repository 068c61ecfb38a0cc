"""The processes of one Hiwar deployment on this machine, as child specifications."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from bot.process.rasa_project import RasaProject, rasa_environment, write_rasa_runtime_files
from bot.process.supervisor import ChildSpec, StartupError
from bot.settings import PROJECT_ROOT, Settings

RASA_STARTUP_TIMEOUT_S = 240.0


def main_env_bin(name: str) -> str:
    """A console script of the main environment (the one running this code)."""
    return str(Path(sys.executable).parent / name)


def action_server_spec(settings: Settings) -> ChildSpec:
    """rasa-sdk serving actions/ (main environment)."""
    host, port = settings.rasa.action_host, settings.rasa.action_port
    return ChildSpec(
        name="action-server",
        command=[
            sys.executable,
            "-m",
            "bot.process.action_server",
            "--host",
            host,
            "--port",
            str(port),
        ],
        health_url=f"http://{host}:{port}/health",
        cwd=PROJECT_ROOT,
    )


def rasa_server_spec(
    settings: Settings, project: RasaProject, runtime_dir: Path | None = None
) -> ChildSpec:
    """`rasa run` with the HTTP API (token-protected) and our input channel.

    Its endpoints/credentials files go to ``runtime_dir`` (default var/rasa/).
    """
    host, port = settings.rasa.host, settings.rasa.port
    action_url = f"http://{settings.rasa.action_host}:{settings.rasa.action_port}/webhook"
    endpoints, credentials = write_rasa_runtime_files(
        settings, action_url, runtime_dir or settings.var_dir / "rasa"
    )
    token = settings.secret_key.get_secret_value()
    command = [
        str(project.rasa_bin), "run",
        "--enable-api", "--auth-token", token,
        "--interface", host, "--port", str(port),
        "--model", str(project.model_path),
        "--endpoints", str(endpoints),
        "--credentials", str(credentials),
        "--response-timeout", str(int(settings.rasa.request_timeout_s)),
    ]  # fmt: skip
    return ChildSpec(
        name="rasa",
        command=command,
        health_url=f"http://{host}:{port}/status?token={token}",
        health_contains=".tar.gz",
        env=rasa_environment(settings),
        cwd=settings.var_dir,
        startup_timeout_s=RASA_STARTUP_TIMEOUT_S,
    )


def replica_settings(settings: Settings, index: int) -> Settings:
    """The settings of local replica ``index`` (0-based): Rasa on port + index, its own
    action server on action_port + index."""
    rasa = settings.rasa.model_copy(
        update={
            "port": settings.rasa.port + index,
            "action_port": settings.rasa.action_port + index,
        }
    )
    return settings.model_copy(update={"rasa": rasa})


def replica_names(base: str, count: int) -> list[str]:
    """Process names of ``count`` replicas: "rasa", "rasa-2", …"""
    return [base, *(f"{base}-{n}" for n in range(2, count + 1))]


def rasa_server_specs(settings: Settings, project: RasaProject) -> list[ChildSpec]:
    """One `rasa run` per ``rasa.replicas``: "rasa", "rasa-2", … on port, port+1, …

    Replicas share the tracker store; without the Redis lock store two of them could
    process one sender's messages at once, so several replicas require it. Each replica
    calls its own action server (a pair scales as a unit; Rasa takes one action URL).
    """
    count = settings.rasa.replicas
    if count > 1 and not settings.rasa.lock_store_url:
        raise StartupError(
            f"rasa.replicas={count} needs a shared lock store: set HIWAR_RASA__LOCK_STORE_URL"
            " (redis://host:6379/0)"
        )
    runtime = settings.var_dir / "rasa"
    return [
        replace(
            rasa_server_spec(
                replica_settings(settings, i), project, runtime / name if i else runtime
            ),
            name=name,
        )
        for i, name in enumerate(replica_names("rasa", count))
    ]


def action_server_specs(settings: Settings) -> list[ChildSpec]:
    """One action server per Rasa replica: "action-server", "action-server-2", …"""
    names = replica_names("action-server", settings.rasa.replicas)
    return [
        replace(action_server_spec(replica_settings(settings, i)), name=name)
        for i, name in enumerate(names)
    ]


def local_rasa_urls(settings: Settings) -> list[str]:
    """The URLs of the replicas `hiwar run` starts (or the configured ones)."""
    if settings.rasa.urls:
        return settings.rasa.urls
    return [
        replica_settings(settings, i).rasa.server_urls()[0] for i in range(settings.rasa.replicas)
    ]


def local_action_urls(settings: Settings) -> list[str]:
    """The action servers `hiwar run` starts (or the configured ones)."""
    if settings.rasa.action_urls:
        return settings.rasa.action_urls
    return [
        f"http://{replica.rasa.action_host}:{replica.rasa.action_port}"
        for replica in (replica_settings(settings, i) for i in range(settings.rasa.replicas))
    ]


def rasa_clients_env(settings: Settings) -> dict[str, str] | None:
    """Environment telling the gateway (and Telegram) every local replica; None for one."""
    if settings.rasa.urls or settings.rasa.replicas == 1:
        return None
    return {
        **os.environ,
        "HIWAR_RASA__URLS": json.dumps(local_rasa_urls(settings)),
        "HIWAR_RASA__ACTION_URLS": json.dumps(local_action_urls(settings)),
    }


def gateway_spec(settings: Settings) -> ChildSpec:
    """The FastAPI gateway: chat API, widget, Telegram webhook, operations."""
    host, port = settings.web.host, settings.web.port
    command = [
        main_env_bin("uvicorn"), "bot.web.app:create_app_from_env", "--factory",
        "--host", host, "--port", str(port), "--no-access-log",
    ]  # fmt: skip
    return ChildSpec(
        "gateway", command, health_url=f"http://{host}:{port}/health",
        env=rasa_clients_env(settings), cwd=PROJECT_ROOT,
    )  # fmt: skip


def telegram_polling_spec(settings: Settings) -> ChildSpec | None:
    """Long polling for development; production uses the gateway's webhook instead."""
    token = settings.telegram.token
    if token is None or not token.get_secret_value().strip() or settings.telegram.webhook_url:
        return None
    command = [sys.executable, "-m", "bot.channels.telegram"]
    return ChildSpec("telegram", command, env=rasa_clients_env(settings), cwd=PROJECT_ROOT)


def stack_specs(settings: Settings, project: RasaProject) -> list[ChildSpec]:
    """Every process `hiwar run` starts, slowest first so they warm up in parallel."""
    specs = [
        *rasa_server_specs(settings, project),
        *action_server_specs(settings),
        gateway_spec(settings),
    ]
    telegram = telegram_polling_spec(settings)
    return specs + ([telegram] if telegram else [])
