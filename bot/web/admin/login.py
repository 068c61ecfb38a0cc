"""Signing in and out of the dashboard.

The sign-in form is protected by a double-submit token (a random cookie repeated in
the form), since there is no session yet to bind a token to. Failed attempts are
throttled per address and per user name; an unknown name costs the same scrypt work
as a wrong password so timing does not reveal which names exist.
"""

from __future__ import annotations

import hmac
import secrets
from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from bot.settings import Settings
from bot.web.admin import sessions
from bot.web.admin.auth import (
    AccessDenied,
    AdminRoute,
    LoginRequired,
    SignedIn,
    check_csrf,
    find_user,
    login_throttle,
    secret,
    settings_of,
    signed_in,
)
from bot.web.admin.passwords import hash_password, verify_password
from bot.web.admin.templates import render

router = APIRouter(prefix="/admin", route_class=AdminRoute, include_in_schema=False)
LOGIN_TOKEN_TTL_S = 1800


def secure_cookies(settings: Settings) -> bool:
    """Cookies are Secure whenever the public address is https."""
    return settings.web.public_url.lower().startswith("https://")


def set_cookie(response: Response, settings: Settings, name: str, value: str, ttl: int) -> None:
    """An HttpOnly, SameSite=Strict cookie limited to /admin."""
    response.set_cookie(
        name, value, max_age=ttl, path="/admin", httponly=True, samesite="strict",
        secure=secure_cookies(settings),
    )  # fmt: skip


def clear_cookie(response: Response, settings: Settings, name: str) -> None:
    """Expire a cookie set by ``set_cookie`` (same attributes, so browsers match it)."""
    response.delete_cookie(
        name, path="/admin", httponly=True, samesite="strict", secure=secure_cookies(settings)
    )


def safe_next(target: str | None, fallback: str) -> str:
    """Only dashboard paths are followed after sign-in (no open redirect)."""
    if target and target.startswith("/admin") and "//" not in target and "\\" not in target:
        return target
    return fallback


@lru_cache(maxsize=1)
def _decoy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def _login_page(request: Request, error: str | None, next_path: str, status: int) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    page = render(
        "login.html", {"error": error, "login_csrf": token, "next": next_path, "current": None},
        status_code=status,
    )  # fmt: skip
    set_cookie(page, settings_of(request), sessions.LOGIN_CSRF_COOKIE, token, LOGIN_TOKEN_TTL_S)
    return page


@router.get("/login", response_class=HTMLResponse)
def read_login(request: Request, next: str = "") -> Response:
    """The sign-in form (or the home page when already signed in)."""
    current = signed_in(request)
    if current is not None:
        return RedirectResponse(safe_next(next, current.user.home), status_code=303)
    return _login_page(request, None, safe_next(next, ""), 200)


@router.post("/login")
def sign_in(
    request: Request,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Check the password; set the session cookie and go to the page asked for."""
    expected = request.cookies.get(sessions.LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, csrf_token):
        raise AccessDenied("The sign-in form expired. Reload the page and try again.")
    settings, throttle = settings_of(request), login_throttle(request)
    keys = (f"ip:{request.client.host if request.client else 'unknown'}", f"user:{username}")
    wait = throttle.retry_after(*keys)
    if wait > 0:
        page = _login_page(request, "Too many failed attempts; wait a few minutes.", next, 429)
        page.headers["Retry-After"] = str(int(wait) + 1)
        return page
    user = find_user(settings, username)
    with throttle.checking:
        matches = verify_password(password, user.password_hash if user else _decoy_hash())
    if not matches or user is None:
        throttle.record_failure(*keys)
        return _login_page(request, "Wrong name or password.", next, 401)
    throttle.reset(*keys)
    cookie = sessions.sign_session(
        secret(settings), user.name, sessions.password_fingerprint(user.password_hash)
    )
    response = RedirectResponse(safe_next(next, user.home), status_code=303)
    set_cookie(response, settings, sessions.SESSION_COOKIE, cookie, sessions.SESSION_TTL_S)
    clear_cookie(response, settings, sessions.LOGIN_CSRF_COOKIE)
    return response


def _any_user(request: Request) -> SignedIn:
    current = signed_in(request)
    if current is None:
        raise LoginRequired
    return current


@router.post("/logout")
def sign_out(
    request: Request,
    current: Annotated[SignedIn, Depends(_any_user)],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """End the session: the browser forgets the cookie (it would expire within hours anyway)."""
    check_csrf(request, current, csrf_token)
    response = RedirectResponse("/admin/login", status_code=303)
    clear_cookie(response, settings_of(request), sessions.SESSION_COOKIE)
    return response
