"""``hiwar privacy purge`` deletes expired tracker events and prints the counts."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.commands import privacy_purge
from bot.settings import Settings
from tests.privacy.tracker_db import add_event, create_tracker_store, senders


def _run(settings: Settings, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    privacy_purge.add_arguments(parser)
    return privacy_purge.run(parser.parse_args(argv), settings)


def test_purge_prints_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings(var_dir=tmp_path, retention_days=7)
    create_tracker_store(settings.tracker_store_url)
    add_event(settings.tracker_store_url, "old", datetime.now(UTC) - timedelta(days=8))
    add_event(settings.tracker_store_url, "new", datetime.now(UTC))
    assert _run(settings, "--json") == 0
    assert json.loads(capsys.readouterr().out)["tracker_events"] == 1
    assert senders(settings.tracker_store_url) == ["new"]
    assert _run(settings) == 0
    assert "tracker_events: 0" in capsys.readouterr().out
