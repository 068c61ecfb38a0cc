"""``hiwar focal-point``: the token is printed once and works; list and revoke."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bot.commands import focal_point
from bot.reports.focal_points import authenticate
from bot.settings import Settings
from bot.store.engine import build_session_factory


def _run(settings: Settings, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    focal_point.add_arguments(parser)
    return focal_point.run(parser.parse_args(argv), settings)


def test_add_list_revoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings(var_dir=tmp_path)
    assert (
        _run(
            settings,
            "add",
            "--name",
            "Jordan",
            "--country",
            "JO",
            "--webhook-url",
            "https://jo.example/h",
        )
        == 0
    )
    printed = capsys.readouterr().out
    token = printed.split("API token (shown once): ")[1].split()[0]
    assert "webhook secret" in printed
    with build_session_factory(settings)() as session:
        assert authenticate(session, token).country == "JO"
    assert _run(settings, "list") == 0
    assert "Jordan\tJO\tactive\thttps://jo.example/h" in capsys.readouterr().out
    assert _run(settings, "revoke", "--name", "Jordan") == 0
    assert _run(settings, "revoke", "--name", "Nobody") == 1


def test_bad_input_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings(var_dir=tmp_path)
    assert _run(settings, "add", "--name", "X", "--country", "Jordan") == 2
    assert _run(settings, "add", "--country", "JO") == 2
    assert "country" in capsys.readouterr().out
