"""Session cookies, CSRF tokens and the login throttle, without HTTP."""

from __future__ import annotations

from bot.web.admin.sessions import (
    SESSION_TTL_S,
    LoginThrottle,
    csrf_matches,
    csrf_token,
    read_session,
    sign_session,
)

KEY = b"k" * 32


def test_a_signed_session_reads_back_until_it_expires() -> None:
    cookie = sign_session(KEY, "amina", "fp", now=1000.0)
    data = read_session(KEY, cookie, now=1001.0)
    assert data is not None and data.user == "amina" and data.fingerprint == "fp"
    assert read_session(KEY, cookie, now=1000.0 + SESSION_TTL_S) is None
    assert read_session(b"other-key", cookie, now=1001.0) is None


def test_forged_and_malformed_cookies_are_rejected() -> None:
    cookie = sign_session(KEY, "amina", "fp")
    payload, signature = cookie.rsplit(".", 1)
    for bad in (None, "", "abc", f"{payload}x.{signature}", f"{payload}.{signature[::-1]}",
                "x" * 5000):  # fmt: skip
        assert read_session(KEY, bad) is None


def test_csrf_tokens_are_bound_to_the_session() -> None:
    one = read_session(KEY, sign_session(KEY, "a", "f"))
    two = read_session(KEY, sign_session(KEY, "a", "f"))
    assert one is not None and two is not None
    assert csrf_matches(KEY, one, csrf_token(KEY, one))
    assert not csrf_matches(KEY, one, csrf_token(KEY, two))
    assert not csrf_matches(KEY, one, "") and not csrf_matches(KEY, one, None)


def test_throttle_blocks_after_failures_and_forgets_after_the_window() -> None:
    now = [0.0]
    throttle = LoginThrottle(max_failures=3, window_s=60, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.retry_after("ip:1", "user:a") == 0.0
        throttle.record_failure("ip:1", "user:a")
    assert throttle.retry_after("ip:1") == 60.0
    assert throttle.retry_after("user:a", "ip:2") == 60.0
    now[0] = 61.0
    assert throttle.retry_after("ip:1") == 0.0
    throttle.record_failure("ip:1")
    throttle.reset("ip:1")
    assert throttle.retry_after("ip:1") == 0.0


def test_throttle_memory_stays_bounded() -> None:
    throttle = LoginThrottle(max_keys=10)
    for index in range(100):
        throttle.record_failure(f"ip:{index}")
    assert len(throttle._failures) <= 10
