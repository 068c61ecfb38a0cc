"""Train the Rasa model only when its inputs changed (content hash of nlu_data/)."""

from __future__ import annotations

import logging
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bot.process.rasa_project import RasaProject, rasa_environment
from bot.settings import PROJECT_ROOT, Settings

logger = logging.getLogger(__name__)


class TrainingError(RuntimeError):
    """`rasa train` failed; the message names its log."""


@dataclass(frozen=True)
class TrainingResult:
    """What `ensure_model` did: the model path, whether it trained, and how long it took."""

    model_path: Path
    trained: bool
    seconds: float


def ensure_model(project: RasaProject, settings: Settings, force: bool = False) -> TrainingResult:
    """Reuse the model if its fingerprint matches the inputs; otherwise train it."""
    if not force and project.model_is_current():
        logger.info("Rasa model is current: %s", project.model_path)
        return TrainingResult(project.model_path, trained=False, seconds=0.0)
    fingerprint = project.fingerprint()
    project.models_dir.mkdir(parents=True, exist_ok=True)
    log_path = settings.logs_dir / "train.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    logger.info("training the Rasa model (log: %s)", log_path)
    started = time.monotonic()
    with log_path.open("wb") as log:
        completed = subprocess.run(
            project.train_command(),
            stdout=log,
            stderr=subprocess.STDOUT,
            env=rasa_environment(settings),
            cwd=PROJECT_ROOT,
            check=False,
        )
    if completed.returncode != 0 or not project.model_path.exists():
        tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-20:])
        raise TrainingError(
            f"rasa train failed (exit {completed.returncode}); log: {log_path}\n{tail}"
        )
    project.fingerprint_path.write_text(fingerprint)
    seconds = time.monotonic() - started
    logger.info("trained %s in %.0f s", project.model_path, seconds)
    return TrainingResult(project.model_path, trained=True, seconds=seconds)
