"""Defensive parsing of Rasa's output."""

from __future__ import annotations

from bot.channels.messages import parse_bot_messages


def test_parses_text_buttons_image_and_custom() -> None:
    raw = [
        {
            "recipient_id": "x",
            "text": "hi",
            "buttons": [{"title": "A", "payload": "/a"}, {"title": 1}],
        },
        {"recipient_id": "x", "image": "https://example.org/i.png"},
        {"recipient_id": "x", "custom": {"hiwar_forget": True}},
    ]
    messages = parse_bot_messages(raw)
    assert [m.text for m in messages] == ["hi", "", ""]
    assert [b.payload for b in messages[0].buttons] == ["/a"]
    assert messages[1].image == "https://example.org/i.png"
    assert [m.asks_to_forget for m in messages] == [False, False, True]


def test_drops_garbage() -> None:
    assert parse_bot_messages({"not": "a list"}) == []
    assert parse_bot_messages([None, 3, {"text": 5}, {"recipient_id": "x"}]) == []
    assert parse_bot_messages([{"custom": {"hiwar_forget": "yes"}}])[0].asks_to_forget is False
