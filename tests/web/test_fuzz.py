"""Property-based bad input against the chat API: never a 5xx (issue 8's fuzzing)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels.rasa_client import RasaClient
from bot.web.app import create_app
from tests.web.conftest import make_settings


def _echo_rasa(request: httpx.Request) -> httpx.Response:
    body = json.loads(request.content) if request.method == "POST" else {}
    return httpx.Response(200, json=[{"text": body.get("message", "")}] if body else {"events": []})


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    app_settings = make_settings(
        tmp, ["http://rasa.invalid"], session_rate_per_minute=0, ip_rate_per_minute=0
    )
    rasa = RasaClient(["http://rasa.invalid"], transport=httpx.MockTransport(_echo_rasa))
    with TestClient(create_app(app_settings, rasa=rasa)) as client:
        yield client


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    message=st.text(max_size=1200),
    session=st.text(max_size=40),
    lang=st.sampled_from([None, "ar", "en", "xx"]),
)
def test_random_unicode_messages_never_cause_a_server_error(
    fuzz_client: TestClient, message: str, session: str, lang: str | None
) -> None:
    body = {"session_id": session or "valid-session-id-0001", "message": message, "lang": lang}
    response = fuzz_client.post("/api/chat", json=body)
    assert response.status_code < 500
    if response.status_code == 200:
        assert all("\x00" not in m["text"] for m in response.json()["messages"])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()))
def test_arbitrary_bodies_never_cause_a_server_error(fuzz_client: TestClient, raw: bytes) -> None:
    response = fuzz_client.post(
        "/api/chat", content=raw, headers={"content-type": "application/json"}
    )
    assert 400 <= response.status_code < 500
