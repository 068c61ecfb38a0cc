"""The dialogue's subscribe/unsubscribe marker, applied by the channel that has the chat id."""

from __future__ import annotations

from sqlalchemy import select

from bot.outreach.addresses import AddressCipher, load_chat_ids
from bot.outreach.channel_requests import (
    OutreachRequest,
    apply_request,
    outreach_marker,
    parse_request,
)
from bot.outreach.models import Subscriber
from bot.store.engine import SessionFactory


def test_marker_round_trips() -> None:
    assert parse_request(outreach_marker("subscribe", "ar", "daily")) == OutreachRequest(
        "subscribe", "ar", "daily"
    )


def test_missing_or_odd_values_fall_back() -> None:
    assert parse_request(outreach_marker("subscribe")) == OutreachRequest(
        "subscribe", "en", "weekly"
    )
    assert parse_request({"hiwar_outreach": {"action": "explode"}}) is None
    assert parse_request(None) is None and parse_request({"other": 1}) is None


def test_subscribe_then_unsubscribe(session_factory: SessionFactory, cipher: AddressCipher) -> None:
    apply_request(session_factory, cipher, "p1", 555, OutreachRequest("subscribe", "ar", "daily"))
    with session_factory() as session:
        assert load_chat_ids(session, cipher, ["p1"]) == {"p1": 555}
    apply_request(session_factory, cipher, "p1", 555, OutreachRequest("unsubscribe"))
    with session_factory() as session:
        assert session.scalar(select(Subscriber.active)) is False
        assert load_chat_ids(session, cipher, ["p1"]) == {}
