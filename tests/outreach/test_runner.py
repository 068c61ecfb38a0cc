"""The scheduler thread: starts only with a token, sends servable messages, stops cleanly."""

from __future__ import annotations

import shutil
from pathlib import Path

from pydantic import SecretStr

from bot.knowledge.loader import load_knowledge
from bot.outreach.addresses import AddressCipher
from bot.outreach.fake_bot_api import FakeBotApi
from bot.outreach.runner import CounterMessageSource, start_scheduler
from bot.outreach.subscriptions import subscribe
from bot.settings import Profile, Settings
from bot.store.engine import SessionFactory
from tests.outreach.conftest import telegram_settings

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def test_not_started_without_a_token(session_factory: SessionFactory) -> None:
    assert start_scheduler(Settings(), session_factory) is None


def test_demo_serves_counter_messages_linked_to_drafts() -> None:
    source = CounterMessageSource(Settings(knowledge_dir=KNOWLEDGE, profile=Profile.DEMO))
    assert len(source.current()) >= 1
    assert source.current() is source.current()  # not reloaded while the file is unchanged


def test_production_sends_only_messages_of_approved_entries(tmp_path: Path) -> None:
    shutil.copytree(KNOWLEDGE, tmp_path / "knowledge")
    settings = Settings(
        knowledge_dir=tmp_path / "knowledge", profile=Profile.PRODUCTION,
        pseudonym_key=SecretStr("k1"), secret_key=SecretStr("k2"),
    )  # fmt: skip
    source = CounterMessageSource(settings)
    approved = {e.id for e in load_knowledge(settings.knowledge_dir).servable(False)}
    assert all(m.entry in approved for m in source.current())


def test_thread_delivers_and_stops(
    session_factory: SessionFactory,
    fake_api: FakeBotApi,
    fake_api_server: tuple[FakeBotApi, str],
    cipher: AddressCipher,
) -> None:
    settings = telegram_settings(fake_api_server[1]).model_copy(update={"knowledge_dir": KNOWLEDGE})
    with session_factory() as session:
        subscribe(session, "p1", "telegram", "en", "daily", 31, cipher=cipher)
    started = start_scheduler(settings, session_factory, tick_s=0.1)
    assert started is not None
    thread, stop = started
    try:
        fake_api.wait_for("sendMessage", 1)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert fake_api.delivered_chat_ids() == [31]
