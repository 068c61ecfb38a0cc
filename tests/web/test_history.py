"""Tracker events to the widget's history."""

from __future__ import annotations

from bot.web.history import MAX_HISTORY_MESSAGES, history_from_tracker

BUTTONS = [{"title": "Tell me more", "payload": "/tell_more"}]


def test_keeps_user_and_bot_messages_in_order_and_skips_other_events() -> None:
    tracker = {
        "events": [
            {"event": "session_started"},
            {"event": "user", "text": "hello"},
            {"event": "action", "name": "utter_greet"},
            {"event": "bot", "text": "Hi!", "data": {"buttons": BUTTONS, "custom": None}},
            {"event": "user", "text": "/tell_more"},
            {"event": "user", "text": "/unknown_payload"},
            {"event": "bot", "text": None, "data": {}},
            "garbage",
        ]
    }
    history = history_from_tracker(tracker)
    assert [(m.sender, m.text) for m in history] == [
        ("user", "hello"),
        ("bot", "Hi!"),
        ("user", "Tell me more"),
    ]
    assert history[1].buttons[0].payload == "/tell_more"


def test_malformed_trackers_give_an_empty_history() -> None:
    assert history_from_tracker({}) == []
    assert history_from_tracker({"events": "nope"}) == []


def test_history_is_capped() -> None:
    events = [{"event": "user", "text": f"m{n}"} for n in range(MAX_HISTORY_MESSAGES + 50)]
    history = history_from_tracker({"events": events})
    assert len(history) == MAX_HISTORY_MESSAGES
    assert history[-1].text == f"m{MAX_HISTORY_MESSAGES + 49}"


def test_a_system_triggered_intent_is_not_shown_as_the_users_words() -> None:
    tracker = {
        "events": [
            {"event": "user", "text": "EXTERNAL: EXTERNAL_scholar_answered"},
            {"event": "bot", "text": "Good news: the scholars answered.", "data": {}},
        ]
    }
    history = history_from_tracker(tracker)
    assert [(m.sender, m.text) for m in history] == [("bot", "Good news: the scholars answered.")]
