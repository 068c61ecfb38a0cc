"""The broadcast benchmark: N fake subscribers, one message each, through the fake Bot API.

Everything is real except Telegram: a migrated SQLite database, encrypted addresses,
``run_due`` with its claims and records, python-telegram-bot's ``Bot`` over HTTP to
the fake server on loopback. Lost and duplicated messages are counted by comparing
the chat ids the fake accepted with the subscriber set; both must be zero.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from sqlalchemy import func, insert, select

from bot.knowledge.model import CounterMessage
from bot.outreach.addresses import AddressCipher
from bot.outreach.fake_bot_api import FakeBotApi, serve
from bot.outreach.models import Delivery, Subscriber, TelegramAddress
from bot.outreach.scheduler import run_due
from bot.outreach.sender import TelegramSender
from bot.settings import Settings, TelegramSettings
from bot.store.engine import SessionFactory, build_session_factory
from bot.store.migrate import upgrade_url

FIRST_CHAT_ID = 700_000_000
BENCH_MESSAGE = CounterMessage(
    id="bench-sanctity-of-life",
    entry="sanctity-of-life",
    text={
        "en": "Taking one innocent life is like killing all of humanity (Qur'an 5:32). "
        "Anyone who tells you otherwise asks you to carry a weight God never asked of you.",
        "ar": "قتل نفس بريئة واحدة كقتل الناس جميعًا (المائدة: ٣٢). من يقول لك غير ذلك "
        "يحمّلك ما لم يحمّلك الله إياه.",
    },
)


@dataclass(frozen=True)
class BroadcastResult:
    """The benchmark's figures; ``lost`` and ``duplicated`` must both be 0."""

    subscribers: int
    rate_per_s: float
    elapsed_s: float  # run_due from start to its last recorded outcome
    send_window_s: float  # first to last request the fake received
    theoretical_min_s: float  # subscribers / rate
    overhead_pct: float  # elapsed over the theoretical minimum
    sent: int
    failed: int
    blocked: int
    lost: int
    duplicated: int
    recorded_sent: int  # delivery rows with status "sent"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return asdict(self)


def create_subscribers(factory: SessionFactory, cipher: AddressCipher, count: int) -> list[int]:
    """Insert ``count`` active subscribers (half Arabic) due now; their chat ids."""
    now = datetime.now(UTC)
    chat_ids = [FIRST_CHAT_ID + index for index in range(count)]
    pseudonyms = [hashlib.sha256(f"bench:{c}".encode()).hexdigest() for c in chat_ids]
    subscribers = [
        {"pseudonym": p, "channel": "telegram", "language": ("ar", "en")[i % 2],
         "frequency": "daily", "active": True, "next_due_at": now, "created_at": now}
        for i, p in enumerate(pseudonyms)
    ]  # fmt: skip
    addresses = [
        {"pseudonym": p, "chat_id_encrypted": cipher.encrypt(c), "updated_at": now}
        for p, c in zip(pseudonyms, chat_ids, strict=True)
    ]
    with factory() as session:
        session.execute(insert(Subscriber), subscribers)
        session.execute(insert(TelegramAddress), addresses)
        session.commit()
    return chat_ids


def _recorded_sent(factory: SessionFactory) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).where(Delivery.status == "sent")) or 0)


async def _broadcast(
    settings: Settings, factory: SessionFactory, cipher: AddressCipher
) -> tuple[Any, float]:
    async with TelegramSender.from_settings(settings) as sender:
        started = time.perf_counter()
        summary = await run_due(
            factory, sender, datetime.now(UTC), messages=[BENCH_MESSAGE], cipher=cipher
        )
        return summary, time.perf_counter() - started


def run_broadcast_bench(subscribers: int, rate_per_s: float) -> BroadcastResult:
    """Deliver one message to each of ``subscribers`` at ``rate_per_s`` and measure."""
    with tempfile.TemporaryDirectory(prefix="hiwar-bench-") as directory:
        url = f"sqlite:///{Path(directory) / 'broadcast.db'}"
        upgrade_url(url)
        factory = build_session_factory(url)
        secret = SecretStr(secrets.token_hex(16))
        cipher = AddressCipher(secret)
        chat_ids = create_subscribers(factory, cipher, subscribers)
        api = FakeBotApi()
        with serve(api.app()) as api_url:
            telegram = TelegramSettings(
                token=SecretStr("123456:BENCH"), base_url=f"{api_url}/bot",
                base_file_url=f"{api_url}/file/bot", broadcast_rate_per_s=rate_per_s,
            )  # fmt: skip
            settings = Settings(var_dir=Path(directory), secret_key=secret, telegram=telegram)
            summary, elapsed = asyncio.run(_broadcast(settings, factory, cipher))
        recorded = _recorded_sent(factory)
        factory.kw["bind"].dispose()
    return _result(api, chat_ids, rate_per_s, summary, elapsed, recorded)


def _result(
    api: FakeBotApi, chat_ids: list[int], rate: float, summary: Any, elapsed: float, recorded: int
) -> BroadcastResult:
    received = api.delivered_chat_ids()
    times = [call.at for call in api.calls if call.method == "sendMessage"]
    minimum = len(chat_ids) / rate
    return BroadcastResult(
        subscribers=len(chat_ids), rate_per_s=rate, elapsed_s=round(elapsed, 3),
        send_window_s=round(max(times) - min(times), 3) if times else 0.0,
        theoretical_min_s=round(minimum, 3),
        overhead_pct=round(100 * (elapsed - minimum) / minimum, 2) if minimum else 0.0,
        sent=summary.sent, failed=summary.failed, blocked=summary.blocked,
        lost=len(set(chat_ids) - set(received)), duplicated=len(received) - len(set(received)),
        recorded_sent=recorded,
    )  # fmt: skip
