"""Focal points: tokens stored hashed, shown once, checked, revoked."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.reports.errors import InvalidReport, Unauthorized
from bot.reports.focal_points import authenticate, create_focal_point, hash_token, is_centre, revoke


def test_token_is_stored_only_as_its_hash(session: Session) -> None:
    created = create_focal_point(session, name="Jordan", country="JO")
    assert created.token.startswith("hwt_")
    assert created.focal_point.token_hash == hash_token(created.token)
    assert created.token not in created.focal_point.token_hash
    assert created.webhook_secret is None


def test_authenticate_known_unknown_missing_and_revoked(session: Session) -> None:
    created = create_focal_point(
        session, name="Centre", country="*", webhook_url="https://c.example/hook"
    )
    assert authenticate(session, created.token).name == "Centre"
    assert is_centre(created.focal_point)
    assert created.webhook_secret
    for bad in (None, "", "hwt_wrong", "x" * 500):
        with pytest.raises(Unauthorized):
            authenticate(session, bad)
    assert revoke(session, "Centre")
    assert not revoke(session, "Nobody")
    with pytest.raises(Unauthorized, match="revoked"):
        authenticate(session, created.token)


@pytest.mark.parametrize(
    ("country", "webhook_url"),
    [("Jordan", None), ("jo", None), ("JO", "ftp://x"), ("JO", "https://")],
)
def test_invalid_scope_or_webhook_is_refused(
    session: Session, country: str, webhook_url: str | None
) -> None:
    with pytest.raises(InvalidReport):
        create_focal_point(session, name="Bad", country=country, webhook_url=webhook_url)
