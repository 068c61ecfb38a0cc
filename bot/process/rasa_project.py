"""The Rasa project as files: training inputs, their fingerprint, and generated endpoints.

Every Rasa command gets its paths from here, so the Makefile, ``hiwar train``, ``hiwar run``
and the tests agree on what the model is trained from.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from bot.settings import PROJECT_ROOT, Settings

TRAINING_DATA_DIRS = ("en", "ar", "stories", "rules")
MODEL_NAME = "hiwar"


@dataclass(frozen=True)
class RasaProject:
    """Paths of one Rasa project (the shipped one, or a test's copy)."""

    nlu_dir: Path
    models_dir: Path
    rasa_bin: Path

    @classmethod
    def from_settings(cls, settings: Settings) -> RasaProject:
        """The shipped project, with models under var/."""
        return cls(
            settings.nlu_dir, settings.models_dir, PROJECT_ROOT / ".venv-rasa" / "bin" / "rasa"
        )

    @property
    def config(self) -> Path:
        return self.nlu_dir / "config.yml"

    @property
    def domain(self) -> Path:
        return self.nlu_dir / "domain"

    @property
    def data_dirs(self) -> list[Path]:
        return [
            self.nlu_dir / name for name in TRAINING_DATA_DIRS if (self.nlu_dir / name).is_dir()
        ]

    @property
    def model_path(self) -> Path:
        return self.models_dir / f"{MODEL_NAME}.tar.gz"

    @property
    def fingerprint_path(self) -> Path:
        return self.models_dir / f"{MODEL_NAME}.fingerprint"

    def input_files(self) -> list[Path]:
        """Every file that changes the trained model."""
        files = [self.config, *sorted(self.domain.rglob("*.yml"))]
        for directory in self.data_dirs:
            files.extend(sorted(directory.rglob("*.yml")))
        return files

    def fingerprint(self) -> str:
        """Content hash of the training inputs and the Rasa lock file."""
        digest = hashlib.sha256()
        lock = PROJECT_ROOT / "requirements-rasa.txt"
        for path in [*self.input_files(), lock]:
            if path.exists():
                digest.update(os.path.relpath(path, self.nlu_dir).encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()

    def model_is_current(self) -> bool:
        """True when the model exists and was trained from exactly these inputs."""
        if not self.model_path.exists() or not self.fingerprint_path.exists():
            return False
        return self.fingerprint_path.read_text().strip() == self.fingerprint()

    def train_command(self) -> list[str]:
        """`rasa train` with every path explicit."""
        return [
            str(self.rasa_bin), "train",
            "--config", str(self.config),
            "--domain", str(self.domain),
            "--data", *map(str, self.data_dirs),
            "--out", str(self.models_dir),
            "--fixed-model-name", MODEL_NAME,
        ]  # fmt: skip


def rasa_environment(settings: Settings) -> dict[str, str]:
    """Environment for Rasa processes: our connector importable, telemetry off, quiet TF."""
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(PROJECT_ROOT),
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        OMP_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
    )
    return env


def tracker_store_config(url: str) -> dict[str, object]:
    """Rasa's SQL tracker store entry for a SQLAlchemy URL (SQLite or PostgreSQL)."""
    parts = urlsplit(url)
    dialect = parts.scheme.split("+")[0]
    if dialect == "sqlite":
        return {"type": "SQL", "dialect": "sqlite", "db": unquote(parts.path[1:])}
    dialect = "postgresql" if dialect in ("postgres", "postgresql") else dialect
    config: dict[str, object] = {
        "type": "SQL",
        "dialect": dialect,
        "url": parts.hostname or "127.0.0.1",
        "db": unquote(parts.path.lstrip("/")),
    }
    if parts.port:
        config["port"] = parts.port
    if parts.username:
        config["username"] = unquote(parts.username)
    if parts.password:
        config["password"] = unquote(parts.password)
    return config


LOCK_STORE_CLASS = "bot.channels.rasa_lock_store.AtomicRedisLockStore"


def lock_store_config(url: str) -> dict[str, object] | None:
    """Our atomic Redis lock store's entry (``rasa_lock_store``), or None for in-memory."""
    if not url:
        return None
    parts = urlsplit(url)
    return {
        "type": LOCK_STORE_CLASS,
        "url": parts.hostname or "127.0.0.1",
        "port": parts.port or 6379,
        "db": int(parts.path.lstrip("/") or 0),
        **({"password": unquote(parts.password)} if parts.password else {}),
    }


def write_rasa_runtime_files(
    settings: Settings, action_url: str, out_dir: Path
) -> tuple[Path, Path]:
    """Write endpoints.yml and credentials.yml for `rasa run`, derived from settings."""
    out_dir.mkdir(parents=True, exist_ok=True)
    endpoints: dict[str, object] = {
        "action_endpoint": {"url": action_url},
        "tracker_store": tracker_store_config(settings.tracker_store_url),
    }
    lock_store = lock_store_config(settings.rasa.lock_store_url)
    if lock_store:
        endpoints["lock_store"] = lock_store
    credentials: dict[str, dict[str, str]] = {
        "rest": {},
        "bot.channels.rasa_connector.HiwarInput": {},
    }
    endpoints_path, credentials_path = out_dir / "endpoints.yml", out_dir / "credentials.yml"
    endpoints_path.write_text(yaml.safe_dump(endpoints, sort_keys=False))
    credentials_path.write_text(yaml.safe_dump(credentials, sort_keys=False))
    return endpoints_path, credentials_path
