"""Signed session cookies, CSRF tokens and a login throttle for the dashboard.

A cookie is ``base64url(json).hex-hmac`` under ``settings.secret_key``, with an
expiry and a fingerprint of the user's password hash inside: changing a password or
removing a user ends their sessions without any server-side store. CSRF tokens are
an HMAC of the session's random nonce, so they need no storage either.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

SESSION_COOKIE = "hiwar_admin"
LOGIN_CSRF_COOKIE = "hiwar_admin_login"
SESSION_TTL_S = 8 * 3600  # one working day
_SESSION_PURPOSE = b"hiwar-admin-session|"
_CSRF_PURPOSE = b"hiwar-admin-csrf|"


@dataclass(frozen=True)
class SessionData:
    """Who signed in, until when, and the random nonce their CSRF tokens derive from."""

    user: str
    expires_at: int
    nonce: str
    fingerprint: str


def _mac(key: bytes, purpose: bytes, message: bytes) -> str:
    return hmac.new(key, purpose + message, hashlib.sha256).hexdigest()


def password_fingerprint(password_hash: str) -> str:
    """A short digest of the stored hash: sessions die when the password changes."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def sign_session(key: bytes, user: str, fingerprint: str, now: float | None = None) -> str:
    """A new cookie value for ``user`` that expires after SESSION_TTL_S."""
    expires = int(now if now is not None else time.time()) + SESSION_TTL_S
    body = {"u": user, "e": expires, "n": secrets.token_hex(16), "f": fingerprint}
    payload = base64.urlsafe_b64encode(json.dumps(body, separators=(",", ":")).encode())
    return f"{payload.decode()}.{_mac(key, _SESSION_PURPOSE, payload)}"


def read_session(key: bytes, cookie: str | None, now: float | None = None) -> SessionData | None:
    """The session in a cookie, or None when it is missing, forged, malformed or expired."""
    if not cookie or len(cookie) > 4096:
        return None
    payload, _, signature = cookie.rpartition(".")
    if not hmac.compare_digest(_mac(key, _SESSION_PURPOSE, payload.encode()), signature):
        return None
    try:
        body = json.loads(base64.urlsafe_b64decode(payload.encode()))
        data = SessionData(str(body["u"]), int(body["e"]), str(body["n"]), str(body["f"]))
    except (ValueError, KeyError, TypeError):
        return None
    if data.expires_at <= (now if now is not None else time.time()):
        return None
    return data


def csrf_token(key: bytes, session: SessionData) -> str:
    """The CSRF token every form of this session carries."""
    return _mac(key, _CSRF_PURPOSE, session.nonce.encode())


def csrf_matches(key: bytes, session: SessionData, token: str | None) -> bool:
    """True when ``token`` is this session's CSRF token."""
    return bool(token) and hmac.compare_digest(csrf_token(key, session), str(token))


class LoginThrottle:
    """At most ``max_failures`` failed sign-ins per key (address or user name) per window.

    In memory, per process: enough to make password guessing slow; bounded in size.
    """

    def __init__(
        self,
        max_failures: int = 5,
        window_s: float = 300.0,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
        concurrent_checks: int = 2,
    ) -> None:
        self.max_failures, self.window_s, self.max_keys = max_failures, window_s, max_keys
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        # Each scrypt check takes ~128 MiB: a burst of sign-ins must queue, not exhaust memory.
        self.checking = threading.BoundedSemaphore(concurrent_checks)

    def retry_after(self, *keys: str) -> float:
        """Seconds until any of ``keys`` may try again (0.0 when none is blocked)."""
        now = self._clock()
        with self._lock:
            waits = [self._wait(key, now) for key in keys]
        return max(waits, default=0.0)

    def _wait(self, key: str, now: float) -> float:
        times = self._failures.get(key)
        if not times:
            return 0.0
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if len(times) < self.max_failures:
            return 0.0
        return times[0] + self.window_s - now

    def record_failure(self, *keys: str) -> None:
        """Count one failed attempt against every key."""
        now = self._clock()
        with self._lock:
            if len(self._failures) >= self.max_keys:
                self._failures.clear()  # crude but bounded; a flood resets rather than grows
            for key in keys:
                self._failures.setdefault(key, deque()).append(now)

    def reset(self, *keys: str) -> None:
        """Forget the failures of keys that just signed in successfully."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
