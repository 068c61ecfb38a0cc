"""Webhook mode: register the gateway's URL with Telegram and run the application.

The webhook is set only when Telegram's current one differs. The registered URL
carries a short fingerprint of the secret token, because getWebhookInfo does not
reveal the secret: rotating the secret changes the URL, so the webhook is re-set.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any

from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import Application

from bot.channels.rasa_client import RasaClient
from bot.channels.telegram.application import ALLOWED_UPDATES, bot_token, build_application
from bot.channels.telegram.handlers import OutreachRequestHandler
from bot.channels.telegram.retry import with_retries
from bot.settings import Settings

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_mode(settings: Settings) -> bool:
    """Telegram updates come through the gateway when both a token and a URL are set."""
    return bool(bot_token(settings) and settings.telegram.webhook_url)


def registered_url(settings: Settings) -> str:
    """The webhook URL as registered with Telegram, fingerprinted by the secret."""
    secret = settings.telegram.secret_token.get_secret_value().encode()
    fingerprint = hashlib.sha256(secret).hexdigest()[:8]
    separator = "&" if "?" in settings.telegram.webhook_url else "?"
    return f"{settings.telegram.webhook_url}{separator}v={fingerprint}"


def secret_matches(settings: Settings, header_value: str | None) -> bool:
    """Constant-time check of the secret Telegram echoes on every webhook call."""
    expected = settings.telegram.secret_token.get_secret_value()
    return header_value is not None and hmac.compare_digest(
        header_value.encode(), expected.encode()
    )


async def ensure_webhook(bot: Bot, settings: Settings) -> bool:
    """Set the webhook unless Telegram already has this one; True when it was set."""
    info = await with_retries(bot.get_webhook_info)
    url = registered_url(settings)
    if info.url == url and sorted(info.allowed_updates or ALLOWED_UPDATES) == sorted(
        ALLOWED_UPDATES
    ):
        return False
    await with_retries(
        lambda: bot.set_webhook(
            url=url,
            secret_token=settings.telegram.secret_token.get_secret_value(),
            allowed_updates=ALLOWED_UPDATES,
        )
    )
    logger.info("Telegram webhook set to %s", settings.telegram.webhook_url)
    return True


async def start_webhook_application(
    settings: Settings, rasa: RasaClient, on_outreach_request: OutreachRequestHandler | None = None
) -> Application[Any, Any, Any, Any, Any, Any] | None:
    """Build, register and start the application; None (and logged) when Telegram is unreachable."""
    application = build_application(settings, rasa, on_outreach_request=on_outreach_request)
    try:
        await with_retries(application.initialize)
        await ensure_webhook(application.bot, settings)
    except TelegramError:
        logger.exception("Telegram is unreachable; webhook updates will be refused until restart")
        return None
    await application.start()
    return application


async def stop_webhook_application(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Finish queued updates and close the application (the webhook stays registered)."""
    await application.stop()
    await application.shutdown()
