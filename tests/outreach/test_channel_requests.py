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
from bot.outreach.models import Subscriber, TelegramAddress
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


def test_keep_address_stores_only_the_encrypted_address(
    session_factory: SessionFactory, cipher: AddressCipher
) -> None:
    request = parse_request(outreach_marker("keep_address"))
    assert request is not None and request.action == "keep_address"
    apply_request(session_factory, cipher, "asker", 777, request)
    with session_factory() as session:
        assert load_chat_ids(session, cipher, ["asker"]) == {"asker": 777}
        assert session.scalars(select(Subscriber)).all() == []  # not a subscription
        stored = session.scalar(select(TelegramAddress.chat_id_encrypted))
    assert stored is not None and "777" not in stored
