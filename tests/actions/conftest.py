"""Action test fixtures: temporary settings, fake services, the real domain, JSON trackers."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker

from bot.settings import PROJECT_ROOT
from tests.dialogue.conftest import (  # noqa: F401 (fixtures)
    migrated_database,
    searcher,
    services,
    settings,
    store,
    unmigrated_database,
)

FIXTURES = Path(__file__).parent / "fixtures"
DOMAIN_DIR = PROJECT_ROOT / "nlu_data" / "domain"


def load_domain(directory: Path = DOMAIN_DIR) -> dict[str, Any]:
    """The domain files merged the way Rasa merges them: lists joined, mappings updated."""
    merged: dict[str, Any] = {}
    for path in sorted(directory.glob("*.yml")):
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            else:
                merged[key] = value
    return merged


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return load_domain()


def make_tracker(fixture: str, **changes: Any) -> Tracker:
    """A tracker from tests/actions/fixtures/<fixture>.json with slots/message overridden."""
    state = json.loads((FIXTURES / f"{fixture}.json").read_text(encoding="utf-8"))
    state = copy.deepcopy(state)
    state["slots"].update(changes.pop("slots", {}))
    state["latest_message"].update(changes.pop("latest_message", {}))
    state.update(changes)
    return Tracker.from_dict(state)
