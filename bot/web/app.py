"""The gateway's FastAPI application: created here, routes live in their modules.

``hiwar run`` starts it with uvicorn's factory mode:
``uvicorn --factory bot.web.app:create_app_from_env``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from bot.channels.rasa_client import RasaClient
from bot.channels.telegram.webhook import (
    start_webhook_application,
    stop_webhook_application,
    webhook_mode,
)
from bot.outreach.channel_requests import channel_request_handler
from bot.outreach.runner import start_scheduler
from bot.privacy.retention import retention_loop
from bot.reports.worker import start_worker
from bot.review_queue.notifier import notice_loop
from bot.settings import Settings, get_settings
from bot.store.engine import build_session_factory
from bot.web import admin, campaigns_api, chat, health, reports_api, telegram_webhook, widget
from bot.web.bodylimit import BodySizeLimit
from bot.web.deps import RateLimits
from bot.web.errors import register_error_handlers
from bot.web.metrics import install_metrics

# A chat message is at most a few KB of JSON and a Telegram update a few tens of KB.
MAX_BODY_BYTES = 64 * 1024


def create_app(
    settings: Settings, rasa: RasaClient | None = None, background_jobs: bool = False
) -> FastAPI:
    """The gateway app; pass ``rasa`` to share or fake the Rasa client (tests).

    ``background_jobs`` starts the operations worker (spooled reports, focal-point webhooks),
    retention, scholar-answer notices and outreach; ``hiwar run`` turns it on, tests don't.
    """

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.rasa = rasa or RasaClient.from_settings(settings)
        app.state.telegram = None
        stop_worker, stop_outreach, tasks = None, None, []
        if background_jobs:
            _thread, stop_worker = start_worker(settings, app.state.db_sessions)
            tasks = [
                asyncio.create_task(retention_loop(settings, app.state.db_sessions)),
                asyncio.create_task(notice_loop(settings, app.state.db_sessions, app.state.rasa)),
            ]
            scheduler = start_scheduler(settings, app.state.db_sessions)
            stop_outreach = scheduler[1] if scheduler else None
        if webhook_mode(settings):
            app.state.telegram = await start_webhook_application(
                settings, app.state.rasa, channel_request_handler(settings, app.state.db_sessions)
            )
        try:
            yield
        finally:
            if stop_worker is not None:
                stop_worker.set()
            if stop_outreach is not None:
                stop_outreach.set()
            for task in tasks:
                task.cancel()
            if app.state.telegram is not None:
                await stop_webhook_application(app.state.telegram)
            if rasa is None:
                await app.state.rasa.aclose()

    app = FastAPI(title="Hiwar gateway", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.background_jobs = background_jobs
    app.state.db_sessions = build_session_factory(settings)
    app.state.rate_limits = RateLimits.from_settings(settings)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.web.cors_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        max_age=600,
    )
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    register_error_handlers(app)
    routers = (chat, health, widget, telegram_webhook, reports_api, campaigns_api, admin)
    for module in routers:
        app.include_router(module.router)
    install_metrics(app, app.state.db_sessions)  # last middleware: it also counts 413s
    return app


def create_app_from_env() -> FastAPI:
    """Zero-argument factory for uvicorn: the gateway with the process-wide settings.

    Background jobs run unless ``web.background_jobs`` is off (the other gateways of a
    scaled-out deployment: one copy of each job, so no notice is sent twice).
    """
    settings = get_settings()
    return create_app(settings, background_jobs=settings.web.background_jobs)
