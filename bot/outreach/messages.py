"""What a subscriber receives: the text in their language and buttons that open a chat.

Buttons carry Rasa payloads the dialogue already understands: "tell me more" asks for
the linked entry (``/ask_question{"entry_id":…}``, as "did you mean" buttons do) and
the "what do you think?" pair records feedback on that entry through the existing
``feedback_helpful`` / ``feedback_not_helpful`` intents (per-entry analytics, and the
not-convinced reply offers a scholar). Payloads are compact JSON so they fit Telegram's
64-byte callback data as they are: a broadcast outlives the channel's in-memory map.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from bot.knowledge.model import CounterMessage

MAX_CALLBACK_BYTES = 64
TELL_ME_MORE = {"en": "Tell me more", "ar": "أخبرني المزيد"}
WHAT_DO_YOU_THINK = {"en": "What do you think?", "ar": "ما رأيك؟"}
OPINIONS = (
    ("feedback_helpful", {"en": "👍 Makes sense", "ar": "👍 مقنع"}),
    ("feedback_not_helpful", {"en": "🤔 Not convinced", "ar": "🤔 لست مقتنعًا"}),
)


@dataclass(frozen=True)
class Button:
    """An inline button: the title shown and the payload Rasa receives when tapped."""

    title: str
    payload: str


@dataclass(frozen=True)
class OutgoingMessage:
    """A text and its keyboard rows, ready for any sender."""

    text: str
    rows: tuple[tuple[Button, ...], ...] = ()


def entry_payload(intent: str, entry_id: str) -> str:
    """``/intent{"entry_id":"…"}``, or just ``/intent`` when that would not fit callback data.

    Without the entity the dialogue falls back to the last entry it discussed.
    """
    payload = f"/{intent}" + json.dumps({"entry_id": entry_id}, separators=(",", ":"))
    return payload if len(payload.encode()) <= MAX_CALLBACK_BYTES else f"/{intent}"


def conversation_buttons(entry_id: str, lang: str) -> tuple[tuple[Button, ...], ...]:
    """ "Tell me more" on its own row, then the two-choice "what do you think?" row."""
    more = Button(TELL_ME_MORE[lang], entry_payload("ask_question", entry_id))
    opinions = tuple(
        Button(titles[lang], entry_payload(intent, entry_id)) for intent, titles in OPINIONS
    )
    return ((more,), opinions)


def compose(text: str, entry_id: str | None, lang: str) -> OutgoingMessage:
    """The message as sent: with the question and buttons when it links to an entry."""
    if not entry_id:
        return OutgoingMessage(text.strip())
    body = f"{text.strip()}\n\n{WHAT_DO_YOU_THINK[lang]}"
    return OutgoingMessage(body, conversation_buttons(entry_id, lang))


def counter_message(message: CounterMessage, lang: str) -> OutgoingMessage:
    """A counter-message in ``lang`` with its entry's buttons."""
    return compose(message.text[lang], message.entry, lang)  # type: ignore[index]


def next_counter_message(
    messages: Sequence[CounterMessage], lang: str, already: set[str]
) -> CounterMessage | None:
    """The first message (in file order) with a text in ``lang`` not yet in ``already``."""
    for message in messages:
        if message.id not in already and message.text.get(lang):  # type: ignore[call-overload]
            return message
    return None
