"""Subscribe/unsubscribe/keep-address requests from the dialogue, carried out by the channel.

The action server knows the user only by pseudonym; the chat id needed to deliver is
known only to the Telegram channel, and must not pass through Rasa's tracker. So the
dialogue answers with a marker (``custom: {"hiwar_outreach": {...}}``, like the
"forget me" marker) and the channel, which has the chat id, applies it here.
``keep_address`` stores only the encrypted address, for telling an asker who opted in
that the scholars answered (bot.review_queue.notifier).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.outreach.addresses import AddressCipher, save_address
from bot.outreach.subscriptions import FREQUENCIES, LANGUAGES, subscribe, unsubscribe
from bot.settings import Settings
from bot.store.engine import SessionFactory

OUTREACH_MARKER = "hiwar_outreach"
DEFAULT_FREQUENCY = "weekly"
ACTIONS = ("subscribe", "unsubscribe", "keep_address")


@dataclass(frozen=True)
class OutreachRequest:
    """What the user asked for: subscribe (language, frequency), unsubscribe, keep address."""

    action: str
    language: str = "en"
    frequency: str = DEFAULT_FREQUENCY


def outreach_marker(
    action: str, language: str | None = None, frequency: str | None = None
) -> dict[str, Any]:
    """The custom payload an action sends (``dispatcher.utter_message(json_message=...)``)."""
    return {OUTREACH_MARKER: {"action": action, "language": language, "frequency": frequency}}


def parse_request(custom: dict[str, Any] | None) -> OutreachRequest | None:
    """The request in a bot message's custom payload, or None; unknown values fall back."""
    raw = (custom or {}).get(OUTREACH_MARKER)
    if not isinstance(raw, dict) or raw.get("action") not in ACTIONS:
        return None
    language, frequency = str(raw.get("language")), str(raw.get("frequency"))
    return OutreachRequest(
        raw["action"],
        language if language in LANGUAGES else "en",
        frequency if frequency in FREQUENCIES else DEFAULT_FREQUENCY,
    )


def apply_request(
    sessions: SessionFactory,
    cipher: AddressCipher,
    pseudonym: str,
    chat_id: int,
    request: OutreachRequest,
) -> None:
    """Carry out the request for this Telegram user (blocking: call via asyncio.to_thread)."""
    with sessions() as session:
        if request.action == "subscribe":
            subscribe(
                session,
                pseudonym,
                "telegram",
                request.language,
                request.frequency,
                chat_id,
                cipher=cipher,
            )
        elif request.action == "keep_address":
            save_address(session, cipher, pseudonym, chat_id)
            session.commit()
        else:
            unsubscribe(session, pseudonym, "telegram")


def channel_request_handler(
    settings: Settings, sessions: SessionFactory
) -> Callable[[str, int, dict[str, Any]], None]:
    """What the Telegram channel calls with each bot message's custom payload (blocking)."""
    cipher = AddressCipher(settings.secret_key)

    def handle(pseudonym: str, chat_id: int, custom: dict[str, Any]) -> None:
        request = parse_request(custom)
        if request is not None:
            apply_request(sessions, cipher, pseudonym, chat_id, request)

    return handle
