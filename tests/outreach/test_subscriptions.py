"""Opt-in, opt-out and forget; the chat id never reaches the database in clear."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.outreach.addresses import AddressCipher, load_chat_ids, purge_orphan_addresses
from bot.outreach.models import Delivery, Subscriber, TelegramAddress
from bot.outreach.subscriptions import InvalidSubscription, forget, subscribe, unsubscribe
from bot.store.models import ReviewQuestion

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
CHAT_ID = 987654321123


def test_subscribe_stores_preferences_and_an_encrypted_address(
    session: Session, cipher: AddressCipher
) -> None:
    subscriber = subscribe(
        session, "p1", "telegram", "ar", "weekly", CHAT_ID, cipher=cipher, now=NOW
    )
    assert (subscriber.language, subscriber.frequency, subscriber.active) == ("ar", "weekly", True)
    assert subscriber.next_due_at == NOW
    stored = session.get(TelegramAddress, "p1")
    assert stored is not None and str(CHAT_ID) not in stored.chat_id_encrypted
    assert load_chat_ids(session, cipher, ["p1"]) == {"p1": CHAT_ID}


def test_another_secret_cannot_read_the_address(session: Session, cipher: AddressCipher) -> None:
    subscribe(session, "p1", "telegram", "en", "daily", CHAT_ID, cipher=cipher)
    assert load_chat_ids(session, AddressCipher(SecretStr("rotated")), ["p1"]) == {}


def test_resubscribing_changes_preferences_and_keeps_history(
    session: Session, cipher: AddressCipher
) -> None:
    first = subscribe(session, "p1", "telegram", "en", "daily", CHAT_ID, cipher=cipher, now=NOW)
    session.add(Delivery(subscriber_id=first.id, message_id="m1", status="sent", claimed_at=NOW))
    session.commit()
    unsubscribe(session, "p1")
    again = subscribe(session, "p1", "telegram", "ar", "weekly", CHAT_ID, cipher=cipher, now=NOW)
    assert again.id == first.id and again.active and again.language == "ar"
    assert session.scalars(select(Delivery.message_id)).all() == ["m1"]


def test_unsubscribe_stops_at_once_and_drops_the_address(
    session: Session, cipher: AddressCipher
) -> None:
    subscribe(session, "p1", "telegram", "en", "daily", CHAT_ID, cipher=cipher)
    assert unsubscribe(session, "p1") is True
    subscriber = session.scalar(select(Subscriber))
    assert subscriber is not None and not subscriber.active and subscriber.unsubscribed_at
    assert session.get(TelegramAddress, "p1") is None
    assert unsubscribe(session, "p1") is False


def test_forget_erases_subscriber_deliveries_and_address(
    session: Session, cipher: AddressCipher
) -> None:
    subscriber = subscribe(session, "p1", "telegram", "en", "daily", CHAT_ID, cipher=cipher)
    session.add(
        Delivery(subscriber_id=subscriber.id, message_id="m1", status="sent", claimed_at=NOW)
    )
    session.commit()
    assert forget(session, "p1") == 1
    for model in (Subscriber, Delivery, TelegramAddress):
        assert session.scalars(select(model)).all() == []


def test_orphan_addresses_are_purged(session: Session, cipher: AddressCipher) -> None:
    subscribe(session, "p1", "telegram", "en", "daily", CHAT_ID, cipher=cipher)
    session.add(TelegramAddress(pseudonym="stray", chat_id_encrypted=cipher.encrypt(1)))
    session.commit()
    assert purge_orphan_addresses(session) == 1
    assert session.scalars(select(TelegramAddress.pseudonym)).all() == ["p1"]


def test_an_asker_waiting_for_the_scholars_keeps_their_address(
    session: Session, cipher: AddressCipher
) -> None:
    for pseudonym in ("waiting", "told", "no-consent"):
        session.add(TelegramAddress(pseudonym=pseudonym, chat_id_encrypted=cipher.encrypt(1)))
    session.add_all([
        ReviewQuestion(text="q", kind="ask_scholar", pseudonym="waiting", notify_opt_in=True),
        ReviewQuestion(text="q", kind="ask_scholar", pseudonym="told", notify_opt_in=True,
                       entry_id="takfir", notified_at=NOW),
        ReviewQuestion(text="q", kind="abstained", pseudonym="no-consent"),
    ])  # fmt: skip
    session.commit()
    assert purge_orphan_addresses(session) == 2
    assert session.scalars(select(TelegramAddress.pseudonym)).all() == ["waiting"]


@pytest.mark.parametrize(
    ("channel", "language", "frequency", "field"),
    [("web", "en", "daily", "channel"), ("telegram", "fr", "daily", "language"),
     ("telegram", "en", "hourly", "frequency")],
)  # fmt: skip
def test_invalid_choices_name_the_field(
    session: Session, cipher: AddressCipher, channel: str, language: str, frequency: str, field: str
) -> None:
    with pytest.raises(InvalidSubscription, match=field):
        subscribe(session, "p1", channel, language, frequency, CHAT_ID, cipher=cipher)


def test_chat_id_is_not_in_the_sqlite_file(tmp_path: Path, cipher: AddressCipher) -> None:
    from bot.store.engine import build_session_factory
    from bot.store.migrate import upgrade_url

    url = f"sqlite:///{tmp_path / 'o.db'}"
    upgrade_url(url)
    factory = build_session_factory(url)
    with factory() as db:
        subscribe(db, "p1", "telegram", "en", "daily", CHAT_ID, cipher=cipher)
    factory.kw["bind"].dispose()  # checkpoints the WAL into the main file
    files = [p for p in tmp_path.iterdir() if p.name.startswith("o.db")]
    content = b"".join(p.read_bytes() for p in files)
    assert b"p1" in content  # the pseudonym is there: the search itself works
    assert str(CHAT_ID).encode() not in content
    assert (
        CHAT_ID.to_bytes(8, "big") not in content and CHAT_ID.to_bytes(8, "little") not in content
    )


def test_export_lists_subscription_and_messages(session: Session, cipher: AddressCipher) -> None:
    from bot.outreach.subscriptions import export_subscriptions

    subscriber = subscribe(
        session, "p1", "telegram", "en", "daily", CHAT_ID, cipher=cipher, now=NOW
    )
    session.add(
        Delivery(
            subscriber_id=subscriber.id, message_id="m1", status="sent", claimed_at=NOW, sent_at=NOW
        )
    )
    session.commit()
    (exported,) = export_subscriptions(session, "p1")
    assert exported["language"] == "en" and exported["messages"][0]["id"] == "m1"
    assert str(CHAT_ID) not in str(exported)
