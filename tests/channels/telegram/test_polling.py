"""Polling mode: the same application fetching updates with getUpdates from the fake."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from bot.channels.rasa_client import RasaClient
from bot.channels.telegram.application import ALLOWED_UPDATES, build_application
from bot.channels.telegram.polling import run_polling_forever
from bot.settings import PROJECT_ROOT, Settings
from tests.channels.telegram import updates
from tests.channels.telegram.conftest import telegram_settings
from tests.channels.telegram.fake_bot_api import FakeBotApi
from tests.web.fake_rasa import FakeRasa


async def test_polling_answers_updates_from_get_updates(
    fakes: tuple[FakeBotApi, str, FakeRasa, str], tmp_path: Path
) -> None:
    api, api_url, rasa, rasa_url = fakes
    api.reset()
    rasa.received.clear()
    settings = telegram_settings(tmp_path, api_url, rasa_url, webhook_url="")
    client = RasaClient.from_settings(settings)
    application = build_application(settings, client, polling=True)
    api.pending_updates.append(updates.text_update("/start", user_id=31))
    async with application:
        assert application.updater is not None
        await application.updater.start_polling(
            poll_interval=0, timeout=1, allowed_updates=ALLOWED_UPDATES
        )
        await application.start()
        try:
            for _ in range(200):
                if api.calls_to("sendMessage"):
                    break
                await asyncio.sleep(0.05)
        finally:
            await application.updater.stop()
            await application.stop()
    await client.aclose()
    assert api.calls_to("getUpdates")[0]["allowed_updates"] == ALLOWED_UPDATES
    assert rasa.received[0]["message"] == "/greet"
    assert api.calls_to("sendMessage")[0]["chat_id"] == 31


def test_polling_does_nothing_without_a_token_or_in_webhook_mode(tmp_path: Path) -> None:
    assert run_polling_forever(Settings(var_dir=tmp_path)) == 0
    webhook = telegram_settings(tmp_path, "http://127.0.0.1:9", "http://127.0.0.1:9")
    assert run_polling_forever(webhook) == 0


def test_module_entry_point_exits_quietly_without_a_token(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HIWAR_VAR_DIR": str(tmp_path), "HIWAR_TELEGRAM__TOKEN": ""}
    result = subprocess.run([sys.executable, "-m", "bot.channels.telegram"], cwd=tmp_path, env={**env, "PYTHONPATH": str(PROJECT_ROOT)},
                            capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Telegram channel is off" in result.stderr
