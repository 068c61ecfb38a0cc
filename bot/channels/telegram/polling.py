"""Polling mode for development behind NAT: ``python -m bot.channels.telegram``."""

from __future__ import annotations

import logging

from bot.channels.rasa_client import RasaClient
from bot.channels.telegram.application import ALLOWED_UPDATES, bot_token, build_application
from bot.channels.telegram.handlers import OutreachRequestHandler
from bot.settings import Settings

logger = logging.getLogger(__name__)


def run_polling_forever(
    settings: Settings, on_outreach_request: OutreachRequestHandler | None = None
) -> int:
    """Poll Telegram until stopped; does nothing without a token or in webhook mode."""
    if not bot_token(settings):
        logger.info("no Telegram token configured; the Telegram channel is off")
        return 0
    if settings.telegram.webhook_url:
        logger.info("Telegram webhook mode: the gateway receives updates, not this process")
        return 0
    rasa = RasaClient.from_settings(settings)
    application = build_application(
        settings, rasa, polling=True, on_outreach_request=on_outreach_request
    )

    async def close_rasa(_: object) -> None:
        await rasa.aclose()

    application.post_shutdown = close_rasa
    # bootstrap_retries=-1: keep retrying while Telegram is unreachable at start-up.
    application.run_polling(allowed_updates=ALLOWED_UPDATES, bootstrap_retries=-1)
    return 0
