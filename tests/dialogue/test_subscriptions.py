from __future__ import annotations

from bot.dialogue.subscriptions import (
    can_subscribe,
    read_frequency,
    subscribe_request,
    unsubscribe_request,
)
from bot.outreach.channel_requests import OutreachRequest, parse_request


def test_only_telegram_can_deliver_unprompted() -> None:
    assert can_subscribe("telegram")
    assert not can_subscribe("web") and not can_subscribe(None)


def test_frequency_comes_only_from_known_values() -> None:
    assert read_frequency(" Daily ") == "daily"
    assert read_frequency("hourly") is None and read_frequency(None) is None


def test_requests_round_trip_through_the_channel_marker() -> None:
    assert parse_request(subscribe_request("ar", "daily")) == OutreachRequest(
        "subscribe", "ar", "daily"
    )
    assert parse_request(unsubscribe_request()).action == "unsubscribe"  # type: ignore[union-attr]
