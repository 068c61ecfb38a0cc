"""The stock Rasa 3.6 bot (what `rasa init` creates) as the benchmark's yardstick.

It is created and trained once under ``var/bench/stock/`` with the Rasa environment and reused
afterwards. It runs with its own defaults (in-memory tracker store, no action server) behind
Rasa's REST channel; it has no gateway, so its turns skip the hop Hiwar's turns pay for.
"""

from __future__ import annotations

import logging
import secrets
import subprocess
from pathlib import Path

from bot.process.rasa_project import rasa_environment
from bot.process.supervisor import ChildSpec
from bot.settings import Settings

logger = logging.getLogger(__name__)

STOCK_STARTUP_TIMEOUT_S = 240.0


class StockBotError(RuntimeError):
    """`rasa init` or `rasa train` failed for the stock bot; the message names the log."""


def stock_dir(settings: Settings) -> Path:
    """Where the stock bot lives: beside Hiwar's benchmark copy, never in the project."""
    return settings.var_dir / "bench" / "stock"


def latest_model(directory: Path) -> Path | None:
    """The newest trained model of the stock bot, if any."""
    models = sorted((directory / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def ensure_stock_bot(settings: Settings, rasa_bin: Path) -> Path:
    """Create the stock bot with `rasa init` and train it, unless a model is already there."""
    directory = stock_dir(settings)
    if (model := latest_model(directory)) is not None:
        return model
    directory.mkdir(parents=True, exist_ok=True)
    if (directory / "config.yml").exists():
        command = [str(rasa_bin), "train"]
    else:
        command = [str(rasa_bin), "init", "--no-prompt", "--init-dir", "."]
    log_path = directory.parent / "stock-train.log"
    logger.info("creating and training the stock Rasa bot (log: %s)", log_path)
    with log_path.open("wb") as log:
        completed = subprocess.run(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=rasa_environment(settings),
            cwd=directory,
            check=False,
        )
    model = latest_model(directory)
    if completed.returncode != 0 or model is None:
        raise StockBotError(
            f"{' '.join(command)} failed (exit {completed.returncode}); log: {log_path}"
        )
    return model


def stock_spec(settings: Settings, rasa_bin: Path, model: Path, port: int) -> ChildSpec:
    """`rasa run` for the stock bot on a loopback port, REST channel, API for the health check."""
    directory = stock_dir(settings)
    token = secrets.token_urlsafe(16)
    command = [
        str(rasa_bin), "run",
        "--enable-api", "--auth-token", token,
        "--interface", "127.0.0.1", "--port", str(port),
        "--model", str(model),
        "--credentials", str(directory / "credentials.yml"),
        "--endpoints", str(directory / "endpoints.yml"),
    ]  # fmt: skip
    return ChildSpec(
        name="stock-rasa",
        command=command,
        health_url=f"http://127.0.0.1:{port}/status?token={token}",
        health_contains=".tar.gz",
        env=rasa_environment(settings),
        cwd=directory,
        startup_timeout_s=STOCK_STARTUP_TIMEOUT_S,
    )
