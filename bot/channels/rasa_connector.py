"""Rasa-side input channel "hiwar": the REST channel plus validated metadata.

Runs INSIDE Rasa's own environment (Python 3.10, rasa 3.6), loaded from
credentials.yml as ``bot.channels.rasa_connector.HiwarInput``. It may import only
rasa, sanic and the standard library. The gateway posts
``{"sender", "message", "metadata": {"channel", "lang"}}`` to
``/webhooks/hiwar/webhook`` and gets the collected bot messages back, exactly like
Rasa's REST channel; actions read the metadata from
``tracker.latest_message["metadata"]``.
"""

from typing import Any

from rasa.core.channels.rest import RestInput
from sanic.exceptions import InvalidUsage
from sanic.request import Request

from bot.channels.rasa_speedups import install_cached_action_validator

CHANNELS = ("web", "telegram")
LANGUAGES = ("ar", "en")
MAX_SENDER_CHARS = 255  # Rasa's SQL tracker store column width


def clean_metadata(raw: Any) -> dict[str, str | None]:
    """Only the keys actions rely on, with values from their allowed sets (else None)."""
    if not isinstance(raw, dict):
        raw = {}
    channel = raw.get("channel")
    lang = raw.get("lang")
    return {
        "channel": channel if channel in CHANNELS else None,
        "lang": lang if lang in LANGUAGES else None,
    }


def _json_body(request: Request) -> dict[str, Any]:
    body = request.json
    if not isinstance(body, dict):
        raise InvalidUsage("body must be a JSON object with sender, message and metadata")
    return body


class HiwarInput(RestInput):
    """REST-compatible channel that refuses malformed bodies with 400 instead of crashing."""

    @classmethod
    def name(cls) -> str:
        return "hiwar"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "HiwarInput":
        """Rasa builds its channels here at start-up: the moment to install our speed-up."""
        install_cached_action_validator()
        return cls()

    async def _extract_sender(self, req: Request) -> str | None:
        sender = _json_body(req).get("sender")
        if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARS:
            raise InvalidUsage(f"sender must be a string of 1 to {MAX_SENDER_CHARS} characters")
        return sender

    def _extract_message(self, req: Request) -> str | None:
        message = _json_body(req).get("message")
        if not isinstance(message, str):
            raise InvalidUsage("message must be a string")
        return message

    def _extract_input_channel(self, req: Request) -> str:
        return self.name()

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        return clean_metadata(_json_body(request).get("metadata"))
