"""A fake Telegram Bot API server on loopback, for the real python-telegram-bot code.

Records every call with its decoded parameters, time and answer status, answers with
valid Bot API JSON, serves queued updates to getUpdates, can be told to fail a method
a number of times (HTTP 502, or 429 with retry_after) and to answer 403 "bot was
blocked by the user" for chosen chats. Shipped (not only in tests) because
``hiwar bench broadcast`` delivers to it; the tests import it from here too.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from bot.process.loopback import serve

BOT_USER = {"id": 999000, "is_bot": True, "first_name": "Hiwar", "username": "hiwar_test_bot",
            "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}  # fmt: skip
# python-telegram-bot sends these as plain strings; everything else is JSON-encoded.
STRING_PARAMS = {"text", "callback_query_id", "url", "secret_token", "action", "parse_mode"}


@dataclass
class Call:
    """One Bot API request as the fake received it."""

    method: str
    params: dict[str, Any]
    at: float = 0.0  # time.monotonic() when received
    status: int = 200  # the HTTP status the fake answered with


@dataclass
class FakeBotApi:
    """State of the fake Bot API."""

    calls: list[Call] = field(default_factory=list)
    webhook_url: str = ""
    allowed_updates: list[str] = field(default_factory=list)
    pending_updates: list[dict[str, Any]] = field(default_factory=list)
    failures: dict[str, list[int]] = field(default_factory=dict)
    blocked_chats: set[int] = field(default_factory=set)
    retry_after_s: int = 1
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _message_id: int = 0

    def reset(self) -> None:
        """Forget recorded calls, queued updates and injected failures."""
        with self._lock:
            self.calls.clear()
            self.pending_updates.clear()
            self.failures.clear()
            self.blocked_chats.clear()

    def fail(self, method: str, *statuses: int) -> None:
        """Make the next calls of ``method`` fail with these HTTP statuses (429 = flood control)."""
        self.failures[method] = list(statuses)

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        """Parameters of every successful-or-not call of ``method``, in order."""
        with self._lock:
            return [call.params for call in self.calls if call.method == method]

    def delivered_chat_ids(self) -> list[int]:
        """Chat ids of every sendMessage the fake accepted (200), in arrival order."""
        with self._lock:
            calls = [c for c in self.calls if c.method == "sendMessage" and c.status == 200]
        return [int(call.params["chat_id"]) for call in calls]

    def wait_for(
        self, method: str, count: int = 1, timeout_s: float = 10.0
    ) -> list[dict[str, Any]]:
        """Block until ``method`` was called ``count`` times; its parameters."""
        deadline = time.monotonic() + timeout_s
        while len(found := self.calls_to(method)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{method} called {len(found)} times, expected {count}: {self.calls}"
                )
            time.sleep(0.02)
        return found

    def result(self, method: str, params: dict[str, Any]) -> Any:
        """The Bot API result of a successful call."""
        if method == "getMe":
            return BOT_USER
        if method == "sendMessage":
            self._message_id += 1
            chat = {"id": int(params["chat_id"]), "type": "private"}
            return {"message_id": self._message_id, "date": int(time.time()), "chat": chat,
                    "from": BOT_USER, "text": params.get("text", "")}  # fmt: skip
        if method == "setWebhook":
            self.webhook_url = params["url"]
            self.allowed_updates = params.get("allowed_updates", [])
        if method == "deleteWebhook":
            self.webhook_url = ""
        if method == "getWebhookInfo":
            return {"url": self.webhook_url, "has_custom_certificate": False,
                    "pending_update_count": 0, "allowed_updates": self.allowed_updates}  # fmt: skip
        return True

    async def get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Queued updates from ``offset`` on; a short long-poll when there are none."""
        offset = int(params.get("offset") or 0)
        for _ in range(10):
            with self._lock:
                ready = [u for u in self.pending_updates if u["update_id"] >= offset]
            if ready:
                return ready
            await asyncio.sleep(0.05)
        return []

    def _status_for(self, method: str, params: dict[str, Any]) -> int:
        """Injected failures first, then blocked chats; 200 otherwise (caller holds the lock)."""
        if self.failures.get(method):
            return self.failures[method].pop(0)
        if method == "sendMessage" and _chat_id(params) in self.blocked_chats:
            return 403
        return 200

    def app(self) -> FastAPI:
        """The fake as an ASGI app serving /bot<token>/<method>."""
        app = FastAPI()

        @app.post("/bot{token}/{method}")
        async def bot_api(token: str, method: str, request: Request) -> JSONResponse:
            params = _decode(dict(await request.form()))
            call = Call(method, params, at=time.monotonic())
            with self._lock:
                self.calls.append(call)
                call.status = self._status_for(method, params)
            if call.status == 429:
                return JSONResponse({"ok": False, "error_code": 429, "description": f"Too Many Requests: retry after {self.retry_after_s}",
                                     "parameters": {"retry_after": self.retry_after_s}}, status_code=429)  # fmt: skip
            if call.status == 403:
                return JSONResponse({"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"},
                                    status_code=403)  # fmt: skip
            if call.status != 200:
                return JSONResponse(
                    {"ok": False, "error_code": call.status, "description": "injected"},
                    status_code=call.status,
                )
            if method == "getUpdates":
                return JSONResponse({"ok": True, "result": await self.get_updates(params)})
            return JSONResponse({"ok": True, "result": self.result(method, params)})

        return app


def _decode(form: dict[str, Any]) -> dict[str, Any]:
    """Form fields back to values: JSON-encoded ones decoded, plain strings kept."""
    decoded: dict[str, Any] = {}
    for key, value in form.items():
        if key in STRING_PARAMS or not isinstance(value, str):
            decoded[key] = value
            continue
        try:
            decoded[key] = json.loads(value)
        except ValueError:
            decoded[key] = value
    return decoded


def _chat_id(params: dict[str, Any]) -> int | None:
    try:
        return int(params.get("chat_id"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


__all__ = ["BOT_USER", "STRING_PARAMS", "Call", "FakeBotApi", "serve"]
