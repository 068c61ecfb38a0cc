"""Domain errors and the one place that turns them into HTTP answers.

Every error body has the same shape, ``{"error": code, "detail": readable text}``,
and never echoes the offending input back (it may be huge or not valid UTF-8).
"""

from __future__ import annotations

import math

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from bot.channels.rasa_client import RasaUnavailable

UNAVAILABLE_TEXT = {
    "ar": "المساعد غير متاح مؤقتًا. سنعيد المحاولة بعد لحظات.",
    "en": "The assistant is temporarily unavailable. We will try again in a moment.",
}


class MessageTooLong(Exception):
    """The user's message is longer than the configured limit."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(f"message is {length} characters; the limit is {limit}")
        self.limit = limit


class EmptyMessage(Exception):
    """Nothing left to send once control characters and spaces are removed."""

    def __init__(self) -> None:
        super().__init__("message is empty")


class RateLimited(Exception):
    """Too many requests from one session or one address."""

    def __init__(self, scope: str, retry_after_s: float) -> None:
        super().__init__(f"too many messages from this {scope}; retry after {retry_after_s:.0f} s")
        self.retry_after_s = max(1, math.ceil(retry_after_s))


def _error(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None, **extra: object
) -> JSONResponse:
    return JSONResponse(
        {"error": code, "detail": detail, **extra}, status_code=status, headers=headers
    )


def _validation_summary(error: RequestValidationError) -> list[dict[str, object]]:
    problems: list[dict[str, object]] = []
    for item in error.errors():
        message = str(item.get("msg", ""))
        reason = (item.get("ctx") or {}).get("error")
        if reason:  # e.g. the JSON decoder's "Expecting value"
            message = f"{message}: {str(reason)[:200]}"
        problems.append({"loc": [str(part) for part in item.get("loc", ())], "msg": message})
    return problems


async def _on_validation(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = _validation_summary(error)
    detail = "; ".join(f"{'.'.join(p['loc'])}: {p['msg']}" for p in problems)  # type: ignore[arg-type]
    return _error(422, "invalid_request", detail or "invalid request", errors=problems)


async def _on_http_exception(request: Request, error: Exception) -> JSONResponse:
    """Starlette's own errors in our shape; an unparseable body is malformed JSON (422)."""
    assert isinstance(error, HTTPException)
    if error.status_code == 400 and "parsing the body" in str(error.detail):
        return _error(422, "invalid_request", "body is not valid JSON (could not decode it)")
    code = str(error.detail).lower().replace(" ", "_")
    return _error(error.status_code, code, str(error.detail), dict(error.headers or {}))


async def _on_rasa_unavailable(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RasaUnavailable)
    lang = getattr(request.state, "lang", None) or "en"
    retry = str(error.retry_after_s)
    return _error(503, "rasa_unavailable", UNAVAILABLE_TEXT[lang], {"Retry-After": retry},
                  retry_after=error.retry_after_s, lang=lang)  # fmt: skip


async def _on_rate_limited(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RateLimited)
    headers = {"Retry-After": str(error.retry_after_s)}
    return _error(429, "rate_limited", str(error), headers, retry_after=error.retry_after_s)


async def _on_too_long(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, MessageTooLong)
    return _error(413, "message_too_long", str(error), limit=error.limit)


async def _on_empty(request: Request, error: Exception) -> JSONResponse:
    return _error(422, "empty_message", str(error))


def register_error_handlers(app: FastAPI) -> None:
    """Map every domain error of the gateway to its HTTP status."""
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(HTTPException, _on_http_exception)
    app.add_exception_handler(RasaUnavailable, _on_rasa_unavailable)
    app.add_exception_handler(RateLimited, _on_rate_limited)
    app.add_exception_handler(MessageTooLong, _on_too_long)
    app.add_exception_handler(EmptyMessage, _on_empty)
