"""Reading the conversation context every action needs from a tracker (no logic of ours)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.dialogue.answer import Button
from bot.dialogue.language import Lang, as_lang
from bot.dialogue.split import limit_for
from bot.retrieval.language import answer_language


def last_user_event(tracker: Tracker) -> dict[str, Any]:
    """The latest ``user`` event (empty when there is none)."""
    return next((e for e in reversed(tracker.events) if e.get("event") == "user"), {})


def metadata(tracker: Tracker) -> dict[str, Any]:
    """Metadata the channel attached to the latest message (channel, lang)."""
    data = last_user_event(tracker).get("metadata") or tracker.latest_message.get("metadata")
    return data if isinstance(data, dict) else {}


def channel_of(tracker: Tracker) -> str | None:
    """ "web" or "telegram" from the hiwar connector, else Rasa's input channel name."""
    return metadata(tracker).get("channel") or last_user_event(tracker).get("input_channel")


def text_of(tracker: Tracker) -> str:
    """The latest user message as typed."""
    return str(tracker.latest_message.get("text") or "")


def intent_of(tracker: Tracker) -> str | None:
    """The latest user message's intent name."""
    return (tracker.latest_message.get("intent") or {}).get("name")


def entity_of(tracker: Tracker, name: str) -> str | None:
    """The first value of an entity in the latest message."""
    return next(tracker.get_latest_entity_values(name), None)


def lang_of(tracker: Tracker) -> Lang:
    """The reply language: the language slot, else the message's script, else English."""
    return as_lang(tracker.get_slot("language")) or answer_language(text_of(tracker), fallback="en")


def limit_of(tracker: Tracker) -> int:
    """The channel's message length limit."""
    return limit_for(channel_of(tracker))


def utter_text_parts(
    dispatcher: CollectingDispatcher,
    parts: list[str],
    buttons: list[Button] = (),  # type: ignore[assignment]
) -> None:
    """Send the parts in order; buttons go with the last one."""
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        dispatcher.utter_message(text=part, buttons=[b.as_dict() for b in buttons] if last else [])
