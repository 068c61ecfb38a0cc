"""Is the action server up? Asked only when Rasa answered a message with nothing.

Rasa 3.6 swallows a failed custom action: it logs "Encountered an exception while
running action …" and the channel returns an empty list, so the gateway cannot tell
an outage from a turn that needs no reply without asking the action servers.
"""

from __future__ import annotations

import httpx

from bot.settings import Settings

PROBE_TIMEOUT_S = 1.0


def action_health_urls(settings: Settings) -> list[str]:
    """The /health URL of every action server (``rasa.action_urls``, else host:port)."""
    bases = settings.rasa.action_urls or [
        f"http://{settings.rasa.action_host}:{settings.rasa.action_port}"
    ]
    return [base.rstrip("/").removesuffix("/webhook") + "/health" for base in bases]


async def actions_are_up(urls: list[str], timeout_s: float = PROBE_TIMEOUT_S) -> bool:
    """True when at least one action server answers its health check with 200."""
    async with httpx.AsyncClient(timeout=timeout_s) as client:
        for url in urls:
            try:
                response = await client.get(url)
            except httpx.HTTPError:
                continue
            if response.status_code == 200:
                return True
    return False
