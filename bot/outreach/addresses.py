"""Telegram chat ids, encrypted at rest with a key derived from ``settings.secret_key``.

Fernet (AES-128-CBC + HMAC) under a key derived by HKDF-SHA256, so the database file
alone never reveals who is subscribed. Fernet is randomised: an address is found by
its pseudonym, never by its chat id. Rotating ``secret_key`` makes old addresses
unreadable; those subscribers are skipped until they subscribe again.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import SecretStr
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.outreach.models import Subscriber, TelegramAddress
from bot.store.models import ReviewQuestion

HKDF_SALT = b"hiwar-outreach-v1"
HKDF_INFO = b"telegram chat id"


class AddressCipher:
    """Encrypts and decrypts chat ids under one derived key."""

    def __init__(self, secret_key: SecretStr) -> None:
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=HKDF_SALT, info=HKDF_INFO)
        key = derived.derive(secret_key.get_secret_value().encode())
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def encrypt(self, chat_id: int) -> str:
        """The stored form of a chat id."""
        return self._fernet.encrypt(str(chat_id).encode()).decode()

    def decrypt(self, token: str) -> int | None:
        """The chat id, or None when the token was made under another key or is damaged."""
        try:
            return int(self._fernet.decrypt(token.encode()))
        except (InvalidToken, ValueError):
            return None


def save_address(session: Session, cipher: AddressCipher, pseudonym: str, chat_id: int) -> None:
    """Store (or replace) where this pseudonym's messages go; the caller commits."""
    address = session.get(TelegramAddress, pseudonym)
    if address is None:
        session.add(TelegramAddress(pseudonym=pseudonym, chat_id_encrypted=cipher.encrypt(chat_id)))
    else:
        address.chat_id_encrypted = cipher.encrypt(chat_id)


def load_chat_ids(session: Session, cipher: AddressCipher, pseudonyms: list[str]) -> dict[str, int]:
    """Readable chat ids of these pseudonyms (missing or unreadable ones are left out)."""
    rows = session.execute(
        select(TelegramAddress.pseudonym, TelegramAddress.chat_id_encrypted).where(
            TelegramAddress.pseudonym.in_(pseudonyms)
        )
    )
    chat_ids = {pseudonym: cipher.decrypt(token) for pseudonym, token in rows}
    return {pseudonym: chat_id for pseudonym, chat_id in chat_ids.items() if chat_id is not None}


def delete_address(session: Session, pseudonym: str) -> None:
    """Forget where this pseudonym's messages went; the caller commits."""
    session.execute(delete(TelegramAddress).where(TelegramAddress.pseudonym == pseudonym))


def purge_orphan_addresses(session: Session) -> int:
    """Retention sweep (commits): an address goes once nothing is waiting to be sent to it.

    Kept while its owner has an active Telegram subscription or a question passed to
    the scholars whose answer they have not been told yet.
    """
    active = select(Subscriber.pseudonym).where(
        Subscriber.channel == "telegram", Subscriber.active.is_(True)
    )
    waiting = select(ReviewQuestion.pseudonym).where(
        ReviewQuestion.notify_opt_in.is_(True),
        ReviewQuestion.notified_at.is_(None),
        ReviewQuestion.pseudonym.is_not(None),
    )
    result = session.execute(
        delete(TelegramAddress).where(
            TelegramAddress.pseudonym.not_in(active), TelegramAddress.pseudonym.not_in(waiting)
        )
    )
    session.commit()
    return int(getattr(result, "rowcount", 0) or 0)
