"""``hiwar privacy export`` prints one person's data as JSON."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.channels.pseudonym import pseudonymize
from bot.commands import privacy_export
from bot.settings import Settings
from tests.privacy.tracker_db import add_event, create_tracker_store


def _run(settings: Settings, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    privacy_export.add_arguments(parser)
    return privacy_export.run(parser.parse_args(argv), settings)


def test_export_by_raw_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings(var_dir=tmp_path, pseudonym_key=SecretStr("k"))
    pseudonym = pseudonymize(settings.pseudonym_key, "telegram", "77")
    create_tracker_store(settings.tracker_store_url)
    add_event(settings.tracker_store_url, pseudonym, datetime.now(UTC), intent="greet")
    assert _run(settings, "77", "--channel", "telegram") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pseudonym"] == pseudonym
    assert [event["intent"] for event in data["conversation_events"]] == ["greet"]
    assert _run(settings, "  ") == 2
