"""Who may see which dashboard page: users from settings, roles, and the request checks.

Users come from ``settings.web.admin_users`` as ``name -> "role:scrypt$…"``; a focal
point may be scoped to a country with ``"focal_point/JO:scrypt$…"``. Every page names
the permission it needs; the route class turns a failed check into a redirect to the
sign-in page (not signed in) or a 403 page (signed in, wrong role, bad CSRF token).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import DBAPIError

from bot.settings import Settings
from bot.web.admin import sessions
from bot.web.admin.sessions import LoginThrottle, SessionData

logger = logging.getLogger(__name__)


class Role(StrEnum):
    """The four kinds of dashboard user."""

    ADMIN = "admin"
    SCHOLAR = "scholar"
    ANALYST = "analyst"
    FOCAL_POINT = "focal_point"


# Permission -> roles holding it. Pages check one permission each.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "overview": frozenset({Role.ADMIN, Role.ANALYST, Role.SCHOLAR}),
    "reports": frozenset({Role.ADMIN, Role.ANALYST, Role.FOCAL_POINT}),
    "reports.change": frozenset({Role.ADMIN, Role.ANALYST}),
    "review": frozenset({Role.ADMIN, Role.SCHOLAR, Role.ANALYST}),
    "review.link": frozenset({Role.ADMIN, Role.SCHOLAR}),
    "knowledge": frozenset({Role.ADMIN, Role.SCHOLAR, Role.ANALYST}),
    "privacy": frozenset({Role.ADMIN}),
    "campaigns": frozenset({Role.ADMIN, Role.ANALYST}),
    "campaigns.manage": frozenset({Role.ADMIN}),
}
# The navigation, in order: (permission, path, label).
PAGES = (
    ("overview", "/admin/", "Overview"),
    ("reports", "/admin/reports", "Reports"),
    ("review", "/admin/review", "Review queue"),
    ("knowledge", "/admin/knowledge", "Knowledge"),
    ("campaigns", "/admin/campaigns", "Campaigns"),
    ("privacy", "/admin/privacy", "Privacy"),
)


@dataclass(frozen=True)
class AdminUser:
    """A dashboard user as configured; ``country`` scopes a focal point (None = all)."""

    name: str
    role: Role
    password_hash: str
    country: str | None = None

    def may(self, permission: str) -> bool:
        """True when this user's role holds ``permission``."""
        return self.role in PERMISSIONS[permission]

    @property
    def home(self) -> str:
        """The first page this user may see (where sign-in lands)."""
        return next(path for permission, path, _ in PAGES if self.may(permission))


class LoginRequired(Exception):
    """No valid session: the browser is sent to the sign-in page."""


class AccessDenied(Exception):
    """Signed in but not allowed (role), or a form without its CSRF token."""


class PageNotFound(Exception):
    """No such case (or not one this user may know about)."""


def parse_user(name: str, spec: str) -> AdminUser | None:
    """One ``admin_users`` value as a user; None when it is malformed."""
    role_part, _, password_hash = spec.partition(":")
    role_name, _, country = role_part.partition("/")
    try:
        role = Role(role_name.strip())
    except ValueError:
        return None
    if not password_hash.startswith("scrypt$"):
        return None
    return AdminUser(name, role, password_hash, country.strip().upper() or None)


def find_user(settings: Settings, name: str) -> AdminUser | None:
    """The configured user called ``name``, if any."""
    spec = settings.web.admin_users.get(name)
    return parse_user(name, spec) if spec is not None else None


def secret(settings: Settings) -> bytes:
    """The key for cookies and CSRF tokens (purpose-separated inside sessions.py)."""
    return settings.secret_key.get_secret_value().encode()


def settings_of(request: Request) -> Settings:
    """The gateway's settings."""
    return request.app.state.settings  # type: ignore[no-any-return]


@dataclass(frozen=True)
class SignedIn:
    """The user behind a request and their session (for CSRF tokens)."""

    user: AdminUser
    session: SessionData
    csrf: str


def signed_in(request: Request) -> SignedIn | None:
    """The request's valid session, or None."""
    settings = settings_of(request)
    data = sessions.read_session(secret(settings), request.cookies.get(sessions.SESSION_COOKIE))
    if data is None:
        return None
    user = find_user(settings, data.user)
    if user is None or sessions.password_fingerprint(user.password_hash) != data.fingerprint:
        return None
    return SignedIn(user, data, sessions.csrf_token(secret(settings), data))


def require(permission: str) -> Callable[[Request], SignedIn]:
    """A dependency: the signed-in user, who must hold ``permission``."""

    def check(request: Request) -> SignedIn:
        current = signed_in(request)
        if current is None:
            raise LoginRequired
        if not current.user.may(permission):
            raise AccessDenied("Your role may not open this page.")
        return current

    return check


def check_csrf(request: Request, current: SignedIn, token: str) -> None:
    """Refuse a form whose ``csrf_token`` field is not this session's token."""
    if not sessions.csrf_matches(secret(settings_of(request)), current.session, token):
        raise AccessDenied("The form expired or did not come from this dashboard. Reload it.")


_throttle_lock = threading.Lock()


def login_throttle(request: Request) -> LoginThrottle:
    """The app's login throttle, created on first use."""
    state = request.app.state
    with _throttle_lock:
        if getattr(state, "admin_login_throttle", None) is None:
            state.admin_login_throttle = LoginThrottle()
    return state.admin_login_throttle  # type: ignore[no-any-return]


class AdminRoute(APIRoute):
    """Dashboard routes: access errors become a redirect or a 403 page, not JSON."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except LoginRequired:
                target = quote(request.url.path, safe="/")
                return RedirectResponse(f"/admin/login?next={target}", status_code=303)
            except AccessDenied as error:
                return _message_page(request, "Not allowed", str(error), 403)
            except PageNotFound as error:
                return _message_page(request, "Not found", str(error), 404)
            except DBAPIError:
                logger.exception("database error on %s", request.url.path)
                message = "The database is unavailable. Try again in a minute."
                return _message_page(request, "Unavailable", message, 503)

        return handle


def _message_page(request: Request, title: str, message: str, status_code: int) -> Response:
    from bot.web.admin.templates import render

    context = {"title": title, "message": message, "current": signed_in(request)}
    return render("message.html", context, status_code=status_code)
