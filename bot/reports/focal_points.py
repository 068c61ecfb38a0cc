"""Focal points and their API tokens: created once, stored only as a sha256 hash.

A token is shown to the operator when created and never again; a lost token is
replaced, not recovered. Country "*" is the centre's all-countries scope (it may
also triage). The webhook secret has to be stored as is, because we sign with it.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.reports.errors import InvalidReport, Unauthorized
from bot.reports.feed import CENTRE_SCOPE
from bot.store.models import FocalPoint

TOKEN_PREFIX = "hwt_"
MAX_TOKEN_CHARS = 200
_COUNTRY = re.compile(r"^([A-Z]{2}|\*)$")


@dataclass(frozen=True)
class NewFocalPoint:
    """A freshly created focal point with the secrets to hand over (shown once)."""

    focal_point: FocalPoint
    token: str
    webhook_secret: str | None


def hash_token(token: str) -> str:
    """The stored form of an API token."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_focal_point(
    session: Session, *, name: str, country: str, webhook_url: str | None = None
) -> NewFocalPoint:
    """Register a focal point (commits); returns its token and webhook secret."""
    if not _COUNTRY.match(country):
        raise InvalidReport('country: a two-letter ISO code, or "*" for the centre')
    if webhook_url is not None:
        parts = urlsplit(webhook_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InvalidReport("webhook_url: must be an http(s) URL with a host")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    secret = secrets.token_urlsafe(32) if webhook_url else None
    focal_point = FocalPoint(
        name=name, country=country, token_hash=hash_token(token), webhook_url=webhook_url,
        webhook_secret=secret, active=True,
    )  # fmt: skip
    session.add(focal_point)
    session.commit()
    return NewFocalPoint(focal_point, token, secret)


def authenticate(session: Session, token: str | None) -> FocalPoint:
    """The active focal point holding ``token``; raises Unauthorized otherwise."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        raise Unauthorized("missing or malformed API token (send Authorization: Bearer <token>)")
    focal_point = session.scalar(
        select(FocalPoint).where(FocalPoint.token_hash == hash_token(token))
    )
    if focal_point is None or not focal_point.active:
        raise Unauthorized("unknown or revoked API token")
    return focal_point


def revoke(session: Session, name: str) -> bool:
    """Deactivate a focal point's token (commits); False if no such name."""
    focal_point = session.scalar(select(FocalPoint).where(FocalPoint.name == name))
    if focal_point is None:
        return False
    focal_point.active = False
    session.commit()
    return True


def is_centre(focal_point: FocalPoint) -> bool:
    """The centre's tokens see every country and may change a case's status."""
    return focal_point.country == CENTRE_SCOPE
