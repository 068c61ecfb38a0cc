"""The dashboard on a small app of its own: a migrated SQLite file, four users, a toy encoder."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.settings import PROJECT_ROOT, Settings, WebSettings
from bot.store.engine import SessionFactory, build_session_factory
from bot.store.migrate import upgrade_url
from bot.web import admin
from bot.web.admin.passwords import hash_password

PASSWORDS = {"amina": "admin-pass", "sami": "scholar-pass", "lina": "analyst-pass", "fp": "fp-pass"}
ROLES = {"amina": "admin", "sami": "scholar", "lina": "analyst", "fp": "focal_point/JO"}
TOPICS = ("jihad", "caliphate", "parents", "script")
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def topic_encoder(texts: list[str]) -> np.ndarray:
    """A deterministic stand-in for the retrieval encoder: one axis per topic word."""
    rows = [[float(topic in text.lower()) for topic in TOPICS] + [0.01] for text in texts]
    return np.asarray(rows, dtype=np.float32)


@pytest.fixture(scope="session")
def user_specs() -> dict[str, str]:
    """``admin_users`` values; scrypt at a low cost so the suite stays fast."""
    return {name: f"{ROLES[name]}:{hash_password(pw, n=2**10)}" for name, pw in PASSWORDS.items()}


@pytest.fixture
def settings(tmp_path: Path, user_specs: dict[str, str]) -> Settings:
    """Settings with their own var/, the shipped knowledge and the four users."""
    return Settings(
        var_dir=tmp_path / "var",
        knowledge_dir=PROJECT_ROOT / "knowledge",
        secret_key=SecretStr("test-secret-key"),
        pseudonym_key=SecretStr("test-pseudonym-key"),
        web=WebSettings(admin_users=dict(user_specs)),
    )


@pytest.fixture
def db(settings: Settings) -> Iterator[SessionFactory]:
    """Sessions on a migrated SQLite file under the test's var/."""
    upgrade_url(settings.sqlalchemy_url)
    factory = build_session_factory(settings)
    yield factory
    factory.kw["bind"].dispose()


@pytest.fixture
def app(settings: Settings, db: SessionFactory) -> FastAPI:
    """A minimal app carrying only the dashboard, as the gateway mounts it."""
    application = FastAPI()
    application.state.settings = settings
    application.state.db_sessions = db
    application.state.admin_encode = topic_encoder
    application.include_router(admin.router)
    return application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A browser with no session yet (redirects are not followed, to check them)."""
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


class Page(Protocol):
    """What the helpers read from a test client's response (whatever its HTTP library)."""

    @property
    def status_code(self) -> int: ...

    @property
    def headers(self) -> Any: ...

    @property
    def cookies(self) -> Any: ...

    @property
    def text(self) -> str: ...

    def json(self) -> Any: ...


def csrf_of(page: Page) -> str:
    """The CSRF token in a rendered form."""
    match = _TOKEN.search(page.text)
    assert match, "no form with a csrf_token on the page"
    return match.group(1)


def sign_in(client: TestClient, name: str, password: str | None = None) -> Page:
    """Sign in through the form as a browser would; returns the POST's response."""
    form_page = client.get("/admin/login")
    return client.post(
        "/admin/login",
        data={"username": name, "password": password or PASSWORDS[name],
              "csrf_token": csrf_of(form_page)},
    )  # fmt: skip


@dataclass
class Browser:
    """A signed-in client and the CSRF token of its session."""

    client: TestClient
    csrf: str

    def post(self, path: str, data: dict[str, str]) -> Page:
        """Submit a form with this session's CSRF token."""
        return self.client.post(path, data={**data, "csrf_token": self.csrf})


def browser_for(client: TestClient, name: str) -> Browser:
    """Sign ``name`` in and read the session's CSRF token from a page."""
    response = sign_in(client, name)
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"])
    assert page.status_code == 200, page.text
    return Browser(client, csrf_of(page))


@pytest.fixture
def as_admin(client: TestClient) -> Browser:
    """Signed in as the admin."""
    return browser_for(client, "amina")
