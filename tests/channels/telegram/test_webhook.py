"""Webhook mode through the gateway: registration at start-up and the secret check."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels.telegram.application import ALLOWED_UPDATES
from bot.channels.telegram.webhook import registered_url
from bot.web.app import create_app
from tests.channels.telegram import updates
from tests.channels.telegram.conftest import SECRET, TelegramStack, telegram_settings
from tests.channels.telegram.fake_bot_api import FakeBotApi
from tests.web.fake_rasa import FakeRasa

UPDATE_KEYS = [
    "message",
    "edited_message",
    "callback_query",
    "text",
    "chat",
    "from",
    "id",
    "data",
    "type",
]


def test_start_up_sets_the_webhook_once(
    fakes: tuple[FakeBotApi, str, FakeRasa, str], tmp_path: Path
) -> None:
    api, api_url, _, rasa_url = fakes
    api.reset()
    api.webhook_url = ""
    settings = telegram_settings(tmp_path, api_url, rasa_url)
    with TestClient(create_app(settings)):
        pass
    assert [call.method for call in api.calls] == ["getMe", "getWebhookInfo", "setWebhook"]
    (set_webhook,) = api.calls_to("setWebhook")
    assert set_webhook["url"] == registered_url(settings)
    assert set_webhook["url"].startswith("https://hiwar.example/telegram/webhook?v=")
    assert set_webhook["secret_token"] == SECRET
    assert set_webhook["allowed_updates"] == ALLOWED_UPDATES

    api.reset()
    with TestClient(create_app(settings)):  # same webhook already registered: not set again
        pass
    assert [call.method for call in api.calls] == ["getMe", "getWebhookInfo"]


def test_a_rotated_secret_re_registers_the_webhook(
    fakes: tuple[FakeBotApi, str, FakeRasa, str], tmp_path: Path
) -> None:
    api, api_url, _, rasa_url = fakes
    settings = telegram_settings(tmp_path, api_url, rasa_url)
    with TestClient(create_app(settings)):
        pass
    api.reset()
    settings.telegram.secret_token = settings.telegram.secret_token.__class__("a-new-secret")
    with TestClient(create_app(settings)):
        pass
    assert api.calls_to("setWebhook")[0]["secret_token"] == "a-new-secret"


def test_telegram_unreachable_at_start_up_leaves_the_web_gateway_running(
    fakes: tuple[FakeBotApi, str, FakeRasa, str], tmp_path: Path
) -> None:
    api, api_url, _, rasa_url = fakes
    api.reset()
    api.fail("getMe", 400)
    with TestClient(create_app(telegram_settings(tmp_path, api_url, rasa_url))) as gateway:
        assert gateway.get("/health").status_code == 200
        status = gateway.post("/telegram/webhook", json=updates.text_update("hi"),
                              headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})  # fmt: skip
    assert status.status_code == 404


def test_wrong_or_missing_secret_is_403_and_nothing_is_processed(stack: TelegramStack) -> None:
    assert stack.post_update(updates.text_update("hello"), secret="wrong") == 403
    assert stack.post_update(updates.text_update("hello"), secret=None) == 403
    assert stack.post_update(updates.text_update("sentinel", user_id=7)) == 200
    stack.api.wait_for("sendMessage")
    assert [body["message"] for body in stack.rasa.received] == ["sentinel"]
    assert [call["chat_id"] for call in stack.api.calls_to("sendMessage")] == [7]


def test_malformed_bodies_are_400_and_never_5xx(stack: TelegramStack) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "content-type": "application/json"}
    for body in (b"{not json", b"[1, 2]", b'"text"', b'{"update_id": "x"}', b"\xff\xfe"):
        response = stack.gateway.post("/telegram/webhook", content=body, headers=headers)
        assert response.status_code == 400, body


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(UPDATE_KEYS), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=json_values, update_id=st.integers(min_value=0, max_value=2**31))
def test_fuzzed_updates_never_cause_a_server_error(
    module_stack: TelegramStack, body: object, update_id: int
) -> None:
    update = {**body, "update_id": update_id} if isinstance(body, dict) else body
    status = module_stack.post_update(update)  # type: ignore[arg-type]
    assert status in (200, 400)
