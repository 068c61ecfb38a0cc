"""HTTP client to the Rasa replicas, shared by the web gateway and Telegram.

Replicas are stateless (tracker and lock stores are shared), so requests go
round-robin and fail over to the next replica when one cannot be reached. A
message that timed out after it was sent is *not* resent elsewhere: Rasa may
already be processing it, and a duplicate turn is worse than a retry by the user.
"""

from __future__ import annotations

import itertools
import logging
import zlib
from typing import Any

import httpx

from bot.channels.messages import BotMessage, parse_bot_messages
from bot.settings import Settings

logger = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/hiwar/webhook"
CONNECT_TIMEOUT_S = 2.0
HEALTH_TIMEOUT_S = 1.0


class RasaUnavailable(Exception):
    """No Rasa replica answered; the user should retry after ``retry_after_s``."""

    def __init__(self, reason: str, retry_after_s: int = 5) -> None:
        super().__init__(f"Rasa is unavailable: {reason}")
        self.reason = reason
        self.retry_after_s = retry_after_s


class RasaClient:
    """Talks to Rasa's hiwar channel and tracker API over a pooled httpx client."""

    def __init__(
        self,
        urls: list[str],
        auth_token: str = "",
        timeout_s: float = 30.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if not urls:
            raise ValueError("RasaClient needs at least one Rasa URL")
        self.urls = [url.rstrip("/") for url in urls]
        self._auth_token = auth_token
        self._next_start = itertools.cycle(range(len(self.urls)))
        timeout = httpx.Timeout(timeout_s, connect=CONNECT_TIMEOUT_S)
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport)

    @classmethod
    def from_settings(cls, settings: Settings) -> RasaClient:
        """A client for every configured replica, authenticated with the shared secret."""
        return cls(
            settings.rasa.server_urls(),
            auth_token=settings.secret_key.get_secret_value(),
            timeout_s=settings.rasa.request_timeout_s,
        )

    async def aclose(self) -> None:
        """Close pooled connections."""
        await self._http.aclose()

    async def send_message(
        self, sender_id: str, text: str, metadata: dict[str, Any]
    ) -> list[BotMessage]:
        """One user turn through the hiwar channel; the bot's answers in order."""
        body = {"sender": sender_id, "message": text, "metadata": metadata}
        response = await self._request("POST", WEBHOOK_PATH, affinity=sender_id, json=body)
        return parse_bot_messages(_json_or_none(response))

    async def fetch_tracker(self, sender_id: str) -> dict[str, Any]:
        """The sender's tracker (events after the last restart) from Rasa's HTTP API."""
        path = f"/conversations/{sender_id}/tracker"
        response = await self._request("GET", path, params=self._token_params())
        tracker = _json_or_none(response)
        return tracker if isinstance(tracker, dict) else {}

    async def trigger_intent(
        self, sender_id: str, intent: str, entities: dict[str, str]
    ) -> list[BotMessage]:
        """Run ``intent`` in the sender's conversation as if they had said it (Rasa's API).

        The bot's replies come back and are stored in the tracker like any other turn.
        """
        path = f"/conversations/{sender_id}/trigger_intent"
        body = {"name": intent, "entities": entities}
        response = await self._request(
            "POST", path, affinity=sender_id, params=self._token_params(), json=body
        )
        if response.status_code != 200:
            raise RasaUnavailable(f"trigger_intent {intent}: HTTP {response.status_code}")
        payload = _json_or_none(response)
        return parse_bot_messages(payload.get("messages") if isinstance(payload, dict) else None)

    async def is_up(self) -> bool:
        """True when at least one replica answers its root URL."""
        for url in self.urls:
            try:
                response = await self._http.get(url + "/", timeout=HEALTH_TIMEOUT_S)
            except httpx.HTTPError:
                continue
            if response.status_code == 200:
                return True
        return False

    def _token_params(self) -> dict[str, str]:
        return {"token": self._auth_token} if self._auth_token else {}

    async def _request(
        self, method: str, path: str, affinity: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        """Send to the next replica in turn, failing over on refused connections and 5xx.

        With ``affinity`` (a sender id) one conversation stays on one replica while it is up,
        so its turns are taken in the order they were sent; failover is unchanged.
        """
        start = (
            zlib.crc32(affinity.encode()) % len(self.urls) if affinity else next(self._next_start)
        )
        failures: list[str] = []
        for offset in range(len(self.urls)):
            url = self.urls[(start + offset) % len(self.urls)] + path
            try:
                response = await self._http.request(method, url, **kwargs)
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError) as error:
                failures.append(f"{url}: {type(error).__name__}")
                continue
            except httpx.HTTPError as error:  # read timeout etc.: the message may be in flight
                raise RasaUnavailable(f"{url}: {type(error).__name__}") from error
            if response.status_code >= 500:
                failures.append(f"{url}: HTTP {response.status_code}")
                continue
            if response.status_code >= 400:
                logger.warning("Rasa refused %s %s: HTTP %d", method, path, response.status_code)
            return response
        logger.warning("no Rasa replica answered: %s", "; ".join(failures))
        raise RasaUnavailable("; ".join(failures))


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
