"""The stock `rasa init` bot: reused once trained, served on loopback with its REST channel."""

from __future__ import annotations

import os
from pathlib import Path

from bot.bench.stock import ensure_stock_bot, latest_model, stock_dir, stock_spec
from bot.settings import Settings


def test_the_newest_model_is_used_and_nothing_is_retrained(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path)
    models = stock_dir(settings) / "models"
    models.mkdir(parents=True)
    older, newer = models / "20260101-old.tar.gz", models / "20261201-new.tar.gz"
    older.write_bytes(b"old")
    newer.write_bytes(b"new")
    os.utime(older, (1, 1))
    missing_rasa = tmp_path / "no-such-rasa"  # would fail if it were run
    assert ensure_stock_bot(settings, missing_rasa) == newer
    assert latest_model(tmp_path / "nowhere") is None


def test_the_stock_bot_listens_on_loopback_with_its_own_files(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path)
    model = stock_dir(settings) / "models" / "m.tar.gz"
    spec = stock_spec(settings, Path("/rasa"), model, 5999)
    command = spec.command
    assert command[:2] == ["/rasa", "run"]
    assert command[command.index("--interface") + 1] == "127.0.0.1"
    assert command[command.index("--model") + 1] == str(model)
    assert command[command.index("--credentials") + 1].startswith(str(stock_dir(settings)))
    assert spec.health_url is not None and spec.health_url.startswith("http://127.0.0.1:5999/")
    assert spec.cwd == stock_dir(settings)
