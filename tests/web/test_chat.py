"""The chat API against a fake Rasa on loopback: status codes first, then bodies."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from fastapi.testclient import TestClient

from bot.channels.pseudonym import pseudonymize
from bot.settings import Settings
from bot.web.app import create_app
from tests.web.conftest import SESSION, make_settings
from tests.web.fake_rasa import FakeRasa
from tests.web.loopback import serve


def test_send_chat_message_returns_bot_messages_with_buttons(client: TestClient) -> None:
    response = client.post(
        "/api/chat", json={"session_id": SESSION, "message": "Is killing civilians jihad?"}
    )
    assert response.status_code == 200
    messages = response.json()["messages"]
    assert messages[0] == {
        "text": "No. Killing civilians is not jihad; scholars agree it is forbidden.",
        "buttons": [],
    }
    assert "https://example.org/open-letter" in messages[1]["text"]
    assert messages[1]["buttons"][0] == {"title": "Tell me more", "payload": "/tell_more"}


def test_rasa_sees_only_the_pseudonym_and_channel_metadata(
    client: TestClient, settings: Settings, fake_rasa: tuple[FakeRasa, str]
) -> None:
    response = client.post(
        "/api/chat", json={"session_id": SESSION, "message": "hi\x00\x07 there", "lang": "ar"}
    )
    assert response.status_code == 200
    body = fake_rasa[0].received[-1]
    assert body["sender"] == pseudonymize(settings.pseudonym_key, "web", SESSION)
    assert SESSION not in body["sender"]
    assert body["message"] == "hi there"
    assert body["metadata"] == {"channel": "web", "lang": "ar"}


def test_message_over_the_limit_is_413_with_the_limit(client: TestClient) -> None:
    response = client.post("/api/chat", json={"session_id": SESSION, "message": "x" * 1001})
    assert response.status_code == 413
    assert response.json() == {
        "error": "message_too_long",
        "detail": "message is 1001 characters; the limit is 1000",
        "limit": 1000,
    }


def test_huge_body_is_refused_before_parsing(client: TestClient) -> None:
    response = client.post(
        "/api/chat", content=b"[" * 200_000, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"] == "body_too_large"


def test_malformed_json_is_422_with_the_reason(client: TestClient) -> None:
    response = client.post(
        "/api/chat", content=b'{"session_id": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert "JSON decode error" in response.json()["detail"]


def test_invalid_utf8_body_is_422_not_500(client: TestClient) -> None:
    response = client.post(
        "/api/chat", content=b"\xff\xfe\x00", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_bad_session_id_and_empty_message_are_422(client: TestClient) -> None:
    short = client.post("/api/chat", json={"session_id": "abc", "message": "hi"})
    assert short.status_code == 422
    assert "session_id" in short.json()["detail"]
    empty = client.post("/api/chat", json={"session_id": SESSION, "message": " \x00\n "})
    assert empty.status_code == 422
    assert empty.json()["error"] == "empty_message"
    wrong_lang = client.post(
        "/api/chat", json={"session_id": SESSION, "message": "hi", "lang": "fr"}
    )
    assert wrong_lang.status_code == 422


def test_per_session_rate_limit_answers_429_with_retry_after(
    tmp_path: Path, fake_rasa: tuple[FakeRasa, str]
) -> None:
    settings = make_settings(tmp_path, [fake_rasa[1]], session_rate_per_minute=2)
    with TestClient(create_app(settings)) as client:
        statuses = [
            client.post("/api/chat", json={"session_id": SESSION, "message": "hi"}).status_code
            for _ in range(3)
        ]
        limited = client.post("/api/chat", json={"session_id": SESSION, "message": "hi"})
        other_session = client.post(
            "/api/chat", json={"session_id": SESSION + "x", "message": "hi"}
        )
    assert statuses == [200, 200, 429]
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert limited.json()["error"] == "rate_limited"
    assert other_session.status_code == 200


def test_per_ip_rate_limit_covers_every_session(
    tmp_path: Path, fake_rasa: tuple[FakeRasa, str]
) -> None:
    settings = make_settings(tmp_path, [fake_rasa[1]], ip_rate_per_minute=2)
    with TestClient(create_app(settings)) as client:
        statuses = [
            client.post(
                "/api/chat", json={"session_id": f"{SESSION}{n}", "message": "hi"}
            ).status_code
            for n in range(3)
        ]
    assert statuses == [200, 200, 429]


def test_rasa_down_is_503_with_retry_after_in_the_users_language(tmp_path: Path) -> None:
    with serve(FakeRasa().app()) as url:
        pass  # the port is free again: nothing listens there
    with TestClient(create_app(make_settings(tmp_path, [url]))) as client:
        arabic = client.post(
            "/api/chat", json={"session_id": SESSION, "message": "هل قتل المدنيين جهاد؟"}
        )
        english = client.post(
            "/api/chat", json={"session_id": SESSION, "message": "hello", "lang": "en"}
        )
        history = client.get("/api/chat/history", params={"session_id": SESSION, "lang": "ar"})
    assert arabic.status_code == 503
    assert arabic.headers["Retry-After"] == "5"
    assert arabic.json()["detail"].startswith("المساعد غير متاح")
    assert english.status_code == 503
    assert english.json()["detail"].startswith("The assistant is temporarily unavailable")
    assert history.status_code == 503


def test_a_dead_replica_fails_over_to_the_next(
    tmp_path: Path, fake_rasa: tuple[FakeRasa, str]
) -> None:
    with serve(FakeRasa().app()) as dead_url:
        pass
    settings = make_settings(tmp_path, [dead_url, fake_rasa[1]])
    with TestClient(create_app(settings)) as client:
        statuses = [
            client.post("/api/chat", json={"session_id": SESSION, "message": "hi"}).status_code
            for _ in range(4)
        ]
    assert statuses == [200] * 4
    assert len(fake_rasa[0].received) == 4


def test_history_shows_titles_for_button_payloads_and_sends_the_token(
    client: TestClient, fake_rasa: tuple[FakeRasa, str]
) -> None:
    client.post("/api/chat", json={"session_id": SESSION, "message": "Is killing civilians jihad?"})
    client.post("/api/chat", json={"session_id": SESSION, "message": "/tell_more"})
    response = client.get("/api/chat/history", params={"session_id": SESSION})
    assert response.status_code == 200
    messages = response.json()["messages"]
    assert [(m["sender"], m["text"][:12]) for m in messages] == [
        ("user", "Is killing c"),
        ("bot", "No. Killing "),
        ("bot", "Sources: Qur"),
        ("user", "Tell me more"),
        ("bot", "Here is more"),
    ]
    assert messages[2]["buttons"][1] == {"title": "What is your source?", "payload": "/ask_source"}
    assert fake_rasa[0].tracker_tokens == ["test-secret-key"]


def test_history_of_an_unknown_session_is_empty(client: TestClient) -> None:
    response = client.get("/api/chat/history", params={"session_id": "never-used-session-id"})
    assert response.status_code == 200
    assert response.json() == {"messages": []}


def test_history_rejects_a_malformed_session_id(client: TestClient) -> None:
    assert client.get("/api/chat/history", params={"session_id": "../../etc"}).status_code == 422
    assert client.get("/api/chat/history").status_code == 422


def test_chunked_bodies_without_length_are_limited_too(client: TestClient) -> None:
    def chunks(total: int) -> Iterator[bytes]:
        body = json.dumps({"session_id": SESSION, "message": "x" * total}).encode()
        for start in range(0, len(body), 4096):
            yield body[start : start + 4096]

    huge = client.post(
        "/api/chat", content=chunks(100_000), headers={"content-type": "application/json"}
    )
    small = client.post(
        "/api/chat", content=chunks(10), headers={"content-type": "application/json"}
    )
    assert huge.status_code == 413
    assert small.status_code == 200
