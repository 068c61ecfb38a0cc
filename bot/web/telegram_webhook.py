"""Telegram's webhook: verify the secret header, then queue the update for the application."""

from __future__ import annotations

import json
import logging
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse
from telegram import Update

from bot.channels.telegram.webhook import secret_matches
from bot.web.deps import SettingsDep

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/telegram", tags=["telegram"])


def _answer(status: int, detail: str) -> JSONResponse:
    return JSONResponse({"ok": status == 200, "detail": detail}, status_code=status)


@router.post("/webhook", include_in_schema=False)
async def receive_telegram_update(
    request: Request,
    settings: SettingsDep,
    secret: Annotated[str | None, Header(alias="X-Telegram-Bot-Api-Secret-Token")] = None,
) -> JSONResponse:
    """Accept one update from Telegram; anything without the right secret is refused unread."""
    application = getattr(request.app.state, "telegram", None)
    if application is None:
        return _answer(404, "Telegram webhook mode is not enabled")
    if not secret_matches(settings, secret):
        return _answer(403, "wrong or missing secret token")
    try:
        data = json.loads(await request.body())
    except ValueError:
        return _answer(400, "body is not JSON")
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        return _answer(400, "body is not a Telegram update")
    try:
        update = Update.de_json(data, application.bot)
    except (
        Exception
    ):  # a shape this library version cannot read: drop it, or Telegram resends forever
        logger.warning("ignored Telegram update %s that could not be parsed", data["update_id"])
        return _answer(200, "ignored")
    await application.update_queue.put(update)
    return _answer(200, "queued")
