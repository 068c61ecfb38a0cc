"""Counter-messages as sent: language, order, and buttons whose payloads fit Telegram."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import load_knowledge
from bot.outreach.messages import (
    MAX_CALLBACK_BYTES,
    compose,
    counter_message,
    entry_payload,
    next_counter_message,
)
from tests.outreach.conftest import MESSAGES

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def test_next_message_follows_file_order_in_the_language() -> None:
    assert next_counter_message(MESSAGES, "en", set()).id == "m1"  # type: ignore[union-attr]
    assert next_counter_message(MESSAGES, "en", {"m1"}).id == "m2"  # type: ignore[union-attr]
    assert next_counter_message(MESSAGES, "ar", {"m1"}).id == "m3"  # type: ignore[union-attr]
    assert next_counter_message(MESSAGES, "ar", {"m1", "m3", "m4"}) is None


def test_buttons_open_the_entry_and_ask_what_they_think() -> None:
    message = counter_message(MESSAGES[0], "en")
    assert message.text.endswith("What do you think?")
    (more,), opinions = message.rows
    assert more.payload == '/ask_question{"entry_id":"sanctity-of-life"}'
    assert [b.payload for b in opinions] == [
        '/feedback_helpful{"entry_id":"sanctity-of-life"}',
        '/feedback_not_helpful{"entry_id":"sanctity-of-life"}',
    ]


def test_arabic_message_has_arabic_buttons() -> None:
    message = counter_message(MESSAGES[0], "ar")
    assert message.text.startswith("نفس") and message.text.endswith("ما رأيك؟")
    assert message.rows[0][0].title == "أخبرني المزيد"


def test_payload_too_long_for_callback_data_drops_the_entity() -> None:
    assert entry_payload("feedback_not_helpful", "x" * 40) == "/feedback_not_helpful"


def test_every_shipped_counter_message_has_fitting_payloads() -> None:
    knowledge = load_knowledge(KNOWLEDGE)
    for message in knowledge.counter_messages:
        for lang in ("ar", "en"):
            rows = counter_message(message, lang).rows
            payloads = [button.payload for row in rows for button in row]
            assert all(len(p.encode()) <= MAX_CALLBACK_BYTES for p in payloads)
            assert message.entry in payloads[0], "tell me more must name the entry"


def test_campaign_without_entry_has_no_buttons() -> None:
    assert compose(" News. ", None, "en").rows == ()
