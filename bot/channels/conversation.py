"""One user turn, the same for every channel: pseudonymous sender in, bot messages out.

Keeping this in one place means the web gateway and Telegram cannot drift apart on
what metadata Rasa sees, on when a "forget me" is carried out, or on what the user
hears while the action server is down.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Literal

from bot.channels.action_health import action_health_urls, actions_are_up
from bot.channels.forget import forget_sender
from bot.channels.messages import BotMessage
from bot.channels.pseudonym import pseudonymize
from bot.channels.rasa_client import RasaClient
from bot.retrieval.language import script_counts
from bot.review_queue.service import record_question
from bot.settings import Settings
from bot.store.engine import SessionFactory

logger = logging.getLogger(__name__)

Lang = Literal["ar", "en"]
ACTIONS_UNAVAILABLE: dict[Lang, str] = {
    "ar": "الخدمة غير متاحة مؤقتاً، يُرجى المحاولة مرة أخرى بعد قليل.",
    "en": "The service is temporarily unavailable, please try again in a moment.",
}
# C0/C1 control characters other than tab and newlines: never meaningful in a chat
# message, and NUL cannot be stored by PostgreSQL's text columns.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """The message without control characters and surrounding whitespace."""
    return _CONTROL_CHARACTERS.sub("", text).strip()


def sender_for(settings: Settings, channel: str, raw_id: str | int) -> str:
    """The pseudonymous Rasa sender id of a channel user."""
    return pseudonymize(settings.pseudonym_key, channel, raw_id)


def turn_language(text: str, metadata: dict[str, str | None]) -> Lang:
    """The channel's declared language, else the script the user wrote in."""
    declared = metadata.get("lang")
    if declared == "ar":
        return "ar"
    if declared == "en":
        return "en"
    arabic, latin = script_counts(text)
    return "ar" if arabic > latin else "en"


async def take_turn(
    settings: Settings,
    rasa: RasaClient,
    sender_id: str,
    text: str,
    metadata: dict[str, str | None],
    sessions: SessionFactory | None = None,
) -> list[BotMessage]:
    """Send one message to Rasa and carry out a confirmed "forget me" afterwards.

    An empty answer while the action server is down becomes a "try again" message and
    the question is queued for the scholars (when ``sessions`` is given).
    """
    messages = await rasa.send_message(sender_id, text, metadata)
    silent = not messages and bool(text.strip())
    if silent and not await actions_are_up(action_health_urls(settings)):
        return await answer_while_actions_down(sessions, sender_id, text, metadata)
    if any(message.asks_to_forget for message in messages):
        await asyncio.to_thread(forget_sender, settings, sender_id)
    return messages


async def answer_while_actions_down(
    sessions: SessionFactory | None,
    sender_id: str,
    text: str,
    metadata: dict[str, str | None],
) -> list[BotMessage]:
    """The bilingual "temporarily unavailable" reply; a typed question is kept, not lost."""
    lang = turn_language(text, metadata)
    logger.warning("action server down: answered sender %s… with 'try again'", sender_id[:8])
    if sessions is not None and not text.startswith("/"):  # "/intent" payloads are buttons
        try:
            await asyncio.to_thread(
                queue_question, sessions, text, lang, metadata.get("channel"), sender_id
            )
        except Exception:  # the user still gets the apology; operators get the log
            logger.exception("could not queue the question of sender %s…", sender_id[:8])
    return [BotMessage(text=ACTIONS_UNAVAILABLE[lang])]


def queue_question(
    sessions: SessionFactory, text: str, lang: str, channel: str | None, sender_id: str
) -> None:
    """Record the question for the scholars' queue, as an abstention would."""
    with sessions() as session:
        record_question(
            session, text=text, language=lang, channel=channel, pseudonym=sender_id,
            kind="abstained",
        )  # fmt: skip
