"""A tiny fake chat server on loopback, so the load generator is tested without Rasa."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.responses import JSONResponse

from bot.process.loopback import serve

REPLY_DELAY_S = 0.005


def fake_chat_app() -> FastAPI:
    """The gateway's chat API and Rasa's REST channel; "fail" gives a 500, "silence" nothing."""
    app = FastAPI()

    def reply(text: str) -> list[dict[str, Any]]:
        return [] if text == "silence" else [{"text": f"you said {text}"}]

    @app.post("/api/chat")
    async def chat(body: dict[str, Any]) -> JSONResponse:
        await asyncio.sleep(REPLY_DELAY_S)
        if body["message"] == "fail":
            return JSONResponse({"detail": "injected"}, status_code=500)
        return JSONResponse({"messages": reply(body["message"])})

    @app.post("/webhooks/rest/webhook")
    async def rest(body: dict[str, Any]) -> JSONResponse:
        await asyncio.sleep(REPLY_DELAY_S)
        return JSONResponse(reply(body["message"]))

    return app


@pytest.fixture(scope="module")
def fake_chat_url() -> Iterator[str]:
    """The fake served by uvicorn in a daemon thread on a free loopback port."""
    with serve(fake_chat_app()) as url:
        yield url
