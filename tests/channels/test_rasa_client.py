"""RasaClient: round-robin, failover on refused connections and 5xx, no resend after a timeout."""

from __future__ import annotations

import json

import httpx
import pytest

from bot.channels.rasa_client import RasaClient, RasaUnavailable

URLS = ["http://r1:5005", "http://r2:5005"]


def _client(handler: object, urls: list[str] = URLS, token: str = "") -> RasaClient:
    return RasaClient(urls, auth_token=token, transport=httpx.MockTransport(handler))  # type: ignore[arg-type]


async def test_one_sender_stays_on_one_replica_and_senders_spread() -> None:
    hosts: dict[str, set[str]] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        sender = json.loads(request.content)["sender"]
        hosts.setdefault(sender, set()).add(request.url.host)
        return httpx.Response(200, json=[{"text": "ok"}])

    client = _client(handler)
    for sender in [f"sender-{n}" for n in range(8)] * 3:
        assert (await client.send_message(sender, "hi", {}))[0].text == "ok"

    assert all(len(replicas) == 1 for replicas in hosts.values())
    assert set().union(*hosts.values()) == {"r1", "r2"}


async def test_fails_over_on_connection_errors_and_5xx() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "r1":
            raise httpx.ConnectError("refused", request=request)
        if request.url.host == "r2":
            return httpx.Response(502)
        return httpx.Response(200, json=[{"text": "from r3"}])

    client = _client(handler, [*URLS, "http://r3:5005"])
    assert (await client.send_message("s", "hi", {}))[0].text == "from r3"


async def test_all_replicas_down_raises_rasa_unavailable() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(RasaUnavailable, match="r1.*r2|r2.*r1"):
        await _client(handler).send_message("s", "hi", {})


async def test_a_read_timeout_is_not_resent_to_another_replica() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.host)
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(RasaUnavailable):
        await _client(handler).send_message("s", "hi", {})
    assert len(calls) == 1


async def test_sends_the_hiwar_channel_body_and_the_tracker_token() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"events": []} if request.method == "GET" else [])

    client = _client(handler, ["http://r1:5005"], token="t0k")
    await client.send_message("abc", "hello", {"channel": "web", "lang": None})
    await client.fetch_tracker("abc")
    assert seen[0].url.path == "/webhooks/hiwar/webhook"
    assert (
        seen[0].read()
        == b'{"sender":"abc","message":"hello","metadata":{"channel":"web","lang":null}}'
    )
    assert str(seen[1].url) == "http://r1:5005/conversations/abc/tracker?token=t0k"


async def test_is_up_when_any_replica_answers() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200 if request.url.host == "r2" else 503, text="Hello from Rasa")

    assert await _client(handler).is_up()


async def test_trigger_intent_posts_the_intent_and_returns_the_bots_messages() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/missing/trigger_intent"):
            return httpx.Response(404, json={"status": "failure"})
        return httpx.Response(200, json={"tracker": {}, "messages": [{"text": "answered"}]})

    client = _client(handler, ["http://r1:5005"], token="t0k")
    messages = await client.trigger_intent("abc", "EXTERNAL_x", {"entry_id": "takfir"})
    assert [m.text for m in messages] == ["answered"]
    assert str(seen[0].url) == "http://r1:5005/conversations/abc/trigger_intent?token=t0k"
    assert json.loads(seen[0].content) == {"name": "EXTERNAL_x", "entities": {"entry_id": "takfir"}}
    with pytest.raises(RasaUnavailable, match="HTTP 404"):
        await client.trigger_intent("missing", "EXTERNAL_x", {})
