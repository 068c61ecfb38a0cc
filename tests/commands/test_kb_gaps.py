"""``hiwar kb gaps`` end to end on a SQLite queue with the hashing encoder."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from bot.commands import kb_gaps
from bot.review_queue.service import record_question
from bot.settings import RetrievalSettings, Settings
from bot.store.engine import build_session_factory
from bot.store.migrate import upgrade_to_head


def _settings(tmp_path: Path) -> Settings:
    return Settings(var_dir=tmp_path, retrieval=RetrievalSettings(encoder="hashing"))


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    kb_gaps.add_arguments(parser)
    return parser.parse_args(argv)


def test_groups_are_printed_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = _settings(tmp_path)
    upgrade_to_head(settings)
    with build_session_factory(settings)() as session:
        for text in ("is voting haram", "is voting haram?", "Is voting haram", "who is a scholar"):
            record_question(
                session, text=text, language="en", channel="web", pseudonym="p", kind="abstained"
            )
    assert kb_gaps.run(_args("--json", "--limit", "1"), settings) == 0
    groups = json.loads(capsys.readouterr().out)
    assert len(groups) == 1 and groups[0]["count"] == 3


def test_empty_queue_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kb_gaps.run(_args(), _settings(tmp_path)) == 0
    assert "No unanswered questions" in capsys.readouterr().out
