"""The `hiwar` command: every subcommand answers --help."""

from __future__ import annotations

import pytest

from bot.cli import COMMANDS, main


@pytest.mark.parametrize("path", [path for path, _module, _help in COMMANDS], ids=" ".join)
def test_every_subcommand_prints_help(path: tuple[str, ...], capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*path, "--help"])
    assert exit_info.value.code == 0
    assert "usage: hiwar" in capsys.readouterr().out


def test_no_command_is_an_error(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
