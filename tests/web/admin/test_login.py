"""Signing in and out: passwords, cookies, CSRF on the form, throttling, redirects."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.settings import Settings
from bot.web.admin.login import safe_next
from bot.web.admin.sessions import SESSION_COOKIE
from tests.web.admin.conftest import csrf_of, sign_in


def test_login_page_renders_with_strict_headers(client: TestClient) -> None:
    response = client.get("/admin/login")
    assert response.status_code == 200
    assert "script-src" not in response.headers["content-security-policy"]
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"
    assert 'name="csrf_token"' in response.text


def test_right_password_sets_a_strict_httponly_cookie(client: TestClient) -> None:
    response = sign_in(client, "amina")
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/"
    cookie = next(
        header for header in response.headers.get_list("set-cookie")
        if header.startswith(f"{SESSION_COOKIE}=")
    )  # fmt: skip
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/admin" in cookie
    assert "Secure" not in cookie  # the public URL is not https in this test
    assert client.get("/admin/").status_code == 200


def test_cookie_is_secure_behind_https(app: FastAPI, settings: Settings) -> None:
    settings.web.public_url = "https://hiwar.example"
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        response = sign_in(client, "amina")
        assert response.status_code == 303
        cookies = response.headers.get_list("set-cookie")
        assert cookies and all("Secure" in header for header in cookies)
        assert client.get("/admin/").status_code == 200


def test_wrong_password_and_unknown_user_are_refused_alike(client: TestClient) -> None:
    wrong = sign_in(client, "amina", "not-the-password")
    unknown = sign_in(client, "nobody", "whatever")
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert "Wrong name or password." in response.text
        assert SESSION_COOKIE not in response.cookies
    assert client.get("/admin/").status_code == 303


def test_login_without_its_csrf_token_is_forbidden(client: TestClient) -> None:
    client.get("/admin/login")
    response = client.post("/admin/login", data={"username": "amina", "password": "admin-pass"})
    assert response.status_code == 403
    assert SESSION_COOKIE not in response.cookies


def test_repeated_failures_are_throttled_even_for_the_right_password(client: TestClient) -> None:
    for _ in range(5):
        assert sign_in(client, "lina", "guess").status_code == 401
    response = sign_in(client, "lina")
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) > 0


def test_pages_redirect_to_sign_in_and_back(client: TestClient) -> None:
    response = client.get("/admin/reports")
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/login?next=/admin/reports"
    form_page = client.get(response.headers["location"])
    signed = client.post(
        "/admin/login",
        data={"username": "lina", "password": "analyst-pass", "next": "/admin/reports",
              "csrf_token": csrf_of(form_page)},
    )  # fmt: skip
    assert signed.headers["location"] == "/admin/reports"


def test_only_dashboard_paths_are_followed_after_sign_in() -> None:
    assert safe_next("/admin/review", "/admin/") == "/admin/review"
    for hostile in ("https://evil.example", "//evil.example", "/admin//evil", "/\\evil", ""):
        assert safe_next(hostile, "/admin/") == "/admin/"


def test_sign_out_needs_the_csrf_token_then_ends_the_session(client: TestClient) -> None:
    sign_in(client, "amina")
    page = client.get("/admin/")
    assert client.post("/admin/logout").status_code == 403
    assert client.post("/admin/logout", data={"csrf_token": "forged"}).status_code == 403
    response = client.post("/admin/logout", data={"csrf_token": csrf_of(page)})
    assert response.status_code == 303
    assert client.get("/admin/").status_code == 303


def test_a_tampered_cookie_is_not_a_session(client: TestClient) -> None:
    sign_in(client, "sami")
    value = client.cookies[SESSION_COOKIE]
    assert client.get("/admin/").status_code == 200
    payload, signature = value.rsplit(".", 1)
    for forged in (f"{payload}.{'0' * len(signature)}", f"x{payload}.{signature}", "garbage"):
        client.cookies.clear()
        client.cookies.set(SESSION_COOKIE, forged)
        assert client.get("/admin/").status_code == 303


def test_removing_a_user_or_changing_the_password_ends_their_sessions(
    client: TestClient, settings: Settings, user_specs: dict[str, str]
) -> None:
    sign_in(client, "amina")
    settings.web.admin_users["amina"] = user_specs["lina"].replace("analyst", "admin")
    assert client.get("/admin/").status_code == 303
    sign_in(client, "sami")
    del settings.web.admin_users["sami"]
    assert client.get("/admin/").status_code == 303


def test_signed_in_visit_to_login_goes_home(client: TestClient) -> None:
    sign_in(client, "fp")
    response = client.get("/admin/login")
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/reports"
