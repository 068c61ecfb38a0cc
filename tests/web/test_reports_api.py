"""The operations API on its own app: tokens, scopes, triage over HTTP, feed, bad input."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.reports.focal_points import create_focal_point, revoke
from bot.settings import Settings
from bot.store.engine import SessionFactory, build_session_factory
from bot.store.migrate import upgrade_to_head
from bot.web.errors import register_error_handlers
from bot.web.reports_api import router
from tests.store.databases import database_url, postgres_database, session_factory

__all__ = ["database_url", "postgres_database", "session_factory"]  # fixtures used here

REPORT = {
    "url": "https://t.me/bad_channel/7?utm_source=share",
    "country": "JO",
    "description": "incites",
}


@dataclass
class OpsApi:
    client: TestClient
    tokens: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def file(self, who: str = "centre", **body: object) -> str:
        response = self.client.post("/api/reports", json={**REPORT, **body}, headers=self.auth(who))
        assert response.status_code == 201, response.text
        return str(response.json()["reference"])

    def move(
        self, reference: str, status: str, version: int, who: str = "centre"
    ) -> dict[str, Any]:
        response = self.client.patch(
            f"/api/reports/{reference}/status",
            json={"status": status, "reason": "triage", "version": version}, headers=self.auth(who),
        )  # fmt: skip
        assert response.status_code == 200, response.text
        return dict(response.json())

    def verify(self, reference: str) -> None:
        self.move(reference, "verified", int(self.move(reference, "under_review", 1)["version"]))


@pytest.fixture
def ops(tmp_path: Path, session_factory: SessionFactory) -> Iterator[OpsApi]:
    """Our router on a bare app with the gateway's error handlers and three tokens."""
    app = FastAPI()
    app.state.settings = Settings(var_dir=tmp_path, pseudonym_key=SecretStr("test-key"))
    app.state.db_sessions = session_factory
    register_error_handlers(app)
    app.include_router(router)
    with session_factory() as session:
        tokens = {
            name: create_focal_point(session, name=name, country=country).token
            for name, country in (
                ("centre", "*"),
                ("jordan", "JO"),
                ("egypt", "EG"),
                ("gone", "JO"),
            )
        }
        revoke(session, "gone")
    with TestClient(app) as client:
        yield OpsApi(client, tokens)


def test_file_read_and_merge(ops: OpsApi) -> None:
    reference = ops.file(reporter_id="partner-user-17")
    again = ops.client.post(
        "/api/reports", json={**REPORT, "url": "t.me/bad_channel/7"}, headers=ops.auth("jordan")
    )
    assert again.status_code == 201
    assert again.json() == {"reference": reference, "status": "new", "report_count": 2}
    body = ops.client.get(f"/api/reports/{reference}", headers=ops.auth("centre")).json()
    assert (body["url"], body["platform"], body["version"]) == (
        "https://t.me/bad_channel/7",
        "telegram",
        1,
    )
    assert "reporter" not in str(body)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer hwt_not-a-token"},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer"},
    ],
)
def test_missing_or_invalid_token_is_401(ops: OpsApi, headers: dict[str, str]) -> None:
    for method, path in (
        ("get", "/api/feed"),
        ("get", "/api/reports/HW-AAAAAAAA"),
        ("post", "/api/reports"),
    ):
        response = ops.client.request(method, path, headers=headers, json=REPORT)
        assert response.status_code == 401
        assert response.json()["error"] == "unauthorized"
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_revoked_token_is_401(ops: OpsApi) -> None:
    assert ops.client.get("/api/feed", headers=ops.auth("gone")).status_code == 401


def test_other_country_is_403(ops: OpsApi) -> None:
    egyptian = ops.file(country="EG")
    ops.verify(egyptian)
    assert ops.client.get("/api/feed?country=EG", headers=ops.auth("jordan")).status_code == 403
    assert ops.client.get(f"/api/reports/{egyptian}", headers=ops.auth("jordan")).status_code == 403
    assert ops.client.get(f"/api/reports/{egyptian}", headers=ops.auth("egypt")).status_code == 200
    response = ops.client.patch(
        f"/api/reports/{egyptian}/status", json={"status": "shared", "reason": "x", "version": 3},
        headers=ops.auth("egypt"),
    )  # fmt: skip
    assert response.status_code == 403 and response.json()["error"] == "forbidden"


def test_unknown_or_unverified_case_is_404(ops: OpsApi) -> None:
    assert ops.client.get("/api/reports/HW-AAAAAAAA", headers=ops.auth("centre")).status_code == 404
    assert ops.client.get("/api/reports/' OR 1=1 --", headers=ops.auth("centre")).status_code == 404
    unverified = ops.file()
    assert (
        ops.client.get(f"/api/reports/{unverified}", headers=ops.auth("jordan")).status_code == 404
    )
    patch = {"status": "under_review", "reason": "x", "version": 1}
    assert (
        ops.client.patch(
            "/api/reports/HW-AAAAAAAA/status", json=patch, headers=ops.auth("centre")
        ).status_code
        == 404
    )


def test_stale_version_is_409_and_bad_transition_is_409(ops: OpsApi) -> None:
    reference = ops.file()
    ops.move(reference, "under_review", 1)
    stale = ops.client.patch(
        f"/api/reports/{reference}/status", json={"status": "dismissed", "reason": "late", "version": 1},
        headers=ops.auth("centre"),
    )  # fmt: skip
    assert stale.status_code == 409 and stale.json()["error"] == "conflict"
    skip = ops.client.patch(
        f"/api/reports/{reference}/status", json={"status": "shared", "reason": "x", "version": 2},
        headers=ops.auth("centre"),
    )  # fmt: skip
    assert skip.status_code == 409 and skip.json()["error"] == "invalid_transition"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"url": "not a link at all"}, "url"),
        ({"url": "javascript:alert(1)"}, "web link"),
        ({"description": "only words"}, "url or text"),
        ({"url": "https://x.com/a", "description": "d" * 2001}, "description"),
        ({"text": "t" * 4001}, "text"),
        ({"url": "https://x.com/" + "a" * 2100}, "url"),
        ({"url": "https://x.com/a", "country": "Jordan"}, "country"),
        ({"url": "https://x.com/a", "admin": True}, "admin"),
        ({"url": 12}, "url"),
    ],
)
def test_bad_report_bodies_are_422_with_a_reason(
    ops: OpsApi, body: dict[str, object], fragment: str
) -> None:
    response = ops.client.post("/api/reports", json=body, headers=ops.auth("centre"))
    assert response.status_code == 422
    assert fragment in response.text


def test_malformed_json_and_bad_status_body_are_422(ops: OpsApi) -> None:
    headers = {**ops.auth("centre"), "Content-Type": "application/json"}
    assert (
        ops.client.post(
            "/api/reports", content=b'{"url": "https://t.me/x",', headers=headers
        ).status_code
        == 422
    )
    reference = ops.file()
    for body in ({"status": "gone", "reason": "x", "version": 1}, {"status": "dismissed", "reason": "", "version": 1},
                 {"status": "dismissed", "reason": "x", "version": "one"}):  # fmt: skip
        assert (
            ops.client.patch(
                f"/api/reports/{reference}/status", json=body, headers=ops.auth("centre")
            ).status_code
            == 422
        )


def test_script_and_sql_come_back_as_inert_json_data(ops: OpsApi) -> None:
    hostile = "<script>alert(1)</script> '; DROP TABLE reports; --"
    reference = ops.file(url=None, text=hostile, description=hostile)
    response = ops.client.get(f"/api/reports/{reference}", headers=ops.auth("centre"))
    assert response.headers["content-type"] == "application/json"
    assert response.json()["text"] == hostile and response.json()["description"] == hostile


def test_feed_json_pages_with_cursor_and_csv_by_param_or_accept(ops: OpsApi) -> None:
    references = [ops.file(url=f"https://t.me/c/{i}") for i in range(3)]
    ops.file(url="https://t.me/egypt/1", country="EG")
    for reference in references:
        ops.verify(reference)
    first = ops.client.get("/api/feed?limit=2", headers=ops.auth("jordan")).json()
    assert [item["reference"] for item in first["items"]] == references[:2] and first["has_more"]
    rest = ops.client.get(
        f"/api/feed?cursor={first['next_cursor']}", headers=ops.auth("jordan")
    ).json()
    assert [item["reference"] for item in rest["items"]] == references[2:] and not rest["has_more"]
    for request in ({"url": "/api/feed?format=csv", "headers": ops.auth("jordan")},
                    {"url": "/api/feed", "headers": {**ops.auth("jordan"), "Accept": "text/csv"}}):  # fmt: skip
        response = ops.client.get(**request)  # type: ignore[arg-type]
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert [row["reference"] for row in rows] == references
        assert response.headers["X-Has-More"] == "false"


@pytest.mark.parametrize(
    "query", ["cursor=-1", "limit=0", "limit=501", "cursor=abc", "format=xml", "country=JOR"]
)
def test_bad_feed_queries_are_422(ops: OpsApi, query: str) -> None:
    assert ops.client.get(f"/api/feed?{query}", headers=ops.auth("centre")).status_code == 422


def test_csv_import_files_every_row(ops: OpsApi) -> None:
    body = "url,country,description\nhttps://t.me/a/1,JO,one\nhttps://youtu.be/xyz,EG,two\n"
    response = ops.client.post(
        "/api/reports/batch",
        content=body.encode(),
        headers={**ops.auth("centre"), "Content-Type": "text/csv"},
    )
    assert response.status_code == 201 and len(response.json()["references"]) == 2


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b"", "header"),
        (b"url,colour\nhttps://t.me/a,red\n", "header"),
        (b"description\nno link\n", "header"),
        (b"url,country\nhttps://t.me/a,JO,extra\n", "line 2"),
        (b"url\nnot a url\n", "line 2"),
        (b"url\n", "no rows"),
        (b"url\n\xff\xfe\n", "UTF-8"),
        (b'url,description\n"https://t.me/a,unclosed\n', "csv"),
    ],
)
def test_malformed_csv_is_422(ops: OpsApi, body: bytes, fragment: str) -> None:
    response = ops.client.post(
        "/api/reports/batch",
        content=body,
        headers={**ops.auth("centre"), "Content-Type": "text/csv"},
    )
    assert response.status_code == 422
    assert fragment in response.json()["detail"]


def _bare_app(settings: Settings) -> FastAPI:
    app = FastAPI()
    app.state.settings = settings
    app.include_router(router)
    return app


def test_database_down_is_503_not_500(tmp_path: Path) -> None:
    app = _bare_app(Settings(var_dir=tmp_path))
    app.state.db_sessions = build_session_factory("postgresql+psycopg://postgres@127.0.0.1:1/test")
    with TestClient(app) as client:
        response = client.get("/api/feed", headers={"Authorization": "Bearer hwt_anything"})
    assert response.status_code == 503 and response.json()["error"] == "database_unavailable"


def test_session_factory_is_built_from_settings_when_the_app_has_none(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path)
    upgrade_to_head(settings)
    with build_session_factory(settings)() as session:
        token = create_focal_point(session, name="centre", country="*").token
    with TestClient(_bare_app(settings)) as client:
        response = client.get("/api/feed", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.json() == {
        "items": [],
        "next_cursor": 0,
        "has_more": False,
    }
