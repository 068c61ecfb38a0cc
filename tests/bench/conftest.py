"""A tiny fake chat server on loopback, so the load generator is tested without Rasa."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.responses import JSONResponse

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
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(fake_chat_app(), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "fake chat server did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
