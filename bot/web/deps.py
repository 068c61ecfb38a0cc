"""Annotated dependencies shared by the routes: settings, Rasa client, rate limits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from bot.channels.rasa_client import RasaClient
from bot.settings import Settings
from bot.web.errors import RateLimited
from bot.web.ratelimit import TokenBuckets


@dataclass
class RateLimits:
    """The gateway's two limits: one per chat session, one per client address."""

    per_session: TokenBuckets
    per_ip: TokenBuckets

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimits:
        """Buckets sized from the web settings."""
        return cls(
            TokenBuckets(settings.web.session_rate_per_minute),
            TokenBuckets(settings.web.ip_rate_per_minute),
        )

    def check(self, session_id: str | None, client_ip: str) -> None:
        """Raise RateLimited when either the address or the session is over its limit."""
        wait = self.per_ip.take(client_ip)
        if wait:
            raise RateLimited("address", wait)
        if session_id is not None and (wait := self.per_session.take(session_id)):
            raise RateLimited("session", wait)


def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def _rasa(request: Request) -> RasaClient:
    return request.app.state.rasa  # type: ignore[no-any-return]


def _rate_limits(request: Request) -> RateLimits:
    return request.app.state.rate_limits  # type: ignore[no-any-return]


def _client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


SettingsDep = Annotated[Settings, Depends(_settings)]
RasaDep = Annotated[RasaClient, Depends(_rasa)]
RateLimitsDep = Annotated[RateLimits, Depends(_rate_limits)]
ClientIpDep = Annotated[str, Depends(_client_ip)]
