"""Updates in, Bot API calls out: the real python-telegram-bot code against the fake server."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from bot.channels.messages import BotMessage
from bot.channels.pseudonym import pseudonymize
from bot.channels.telegram import texts
from bot.channels.telegram.handlers import ChannelDeps, apply_outreach_requests
from bot.settings import Settings
from tests.channels.telegram import updates
from tests.channels.telegram.conftest import TelegramStack


def test_text_message_goes_to_rasa_as_pseudonym_and_answers_with_keyboard(
    stack: TelegramStack,
) -> None:
    assert (
        stack.post_update(
            updates.text_update("Is killing civilians jihad?", user_id=4242, lang="en-GB")
        )
        == 200
    )
    first, second = stack.api.wait_for("sendMessage", 2)
    assert stack.api.calls_to("sendChatAction")[0] == {"chat_id": 4242, "action": "typing"}
    (sent,) = stack.rasa.received
    assert sent["sender"] == pseudonymize(stack.settings.pseudonym_key, "telegram", 4242)
    assert sent["metadata"] == {"channel": "telegram", "lang": "en"}
    assert first["chat_id"] == 4242
    assert first["text"] == "No. Killing civilians is not jihad; scholars agree it is forbidden."
    assert "reply_markup" not in first
    assert second["link_preview_options"] == {"is_disabled": True}
    assert second["reply_markup"] == {"inline_keyboard": [
        [{"text": "Tell me more", "callback_data": "/tell_more"}],
        [{"text": "What is your source?", "callback_data": "/ask_source"}],
    ]}  # fmt: skip


def test_arabic_user_gets_arabic_metadata(stack: TelegramStack) -> None:
    stack.post_update(updates.text_update("هل قتل المدنيين جهاد؟", lang="ar"))
    stack.api.wait_for("sendMessage", 2)
    assert stack.rasa.received[0]["metadata"] == {"channel": "telegram", "lang": "ar"}
    unknown = updates.text_update("hello", user_id=5, lang="fr")
    stack.post_update(unknown)
    stack.api.wait_for("sendMessage", 3)
    assert stack.rasa.received[1]["metadata"]["lang"] is None


def test_button_tap_answers_the_callback_then_sends_the_payload(stack: TelegramStack) -> None:
    update = updates.callback_update("/tell_more", user_id=4242)
    assert stack.post_update(update) == 200
    (sent,) = stack.api.wait_for("sendMessage")
    (answered,) = stack.api.calls_to("answerCallbackQuery")
    assert answered == {"callback_query_id": update["callback_query"]["id"]}
    assert stack.rasa.received[0]["message"] == "/tell_more"
    assert sent["text"] == "Here is more detail on this topic."


def test_long_payloads_round_trip_through_a_short_callback_key(stack: TelegramStack) -> None:
    stack.post_update(updates.text_update("/long_answer_probe"))  # unknown command → help
    stack.api.wait_for("sendMessage")
    stack.api.reset()
    stack.rasa.received.clear()
    stack.post_update(updates.callback_update("/long"))  # fake Rasa answers with 10,000 chars
    chunks = stack.api.wait_for("sendMessage", 3)
    assert all(len(chunk["text"]) <= 4096 for chunk in chunks)
    assert "".join(chunk["text"] for chunk in chunks).replace(" ", "") == "word" * 2000
    assert "reply_markup" not in chunks[0] and "reply_markup" not in chunks[1]
    key = chunks[2]["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert key.startswith("~") and len(key.encode()) <= 64
    stack.post_update(updates.callback_update(key))
    stack.api.wait_for("answerCallbackQuery", 2)
    stack.api.wait_for("sendMessage", 4)
    assert stack.rasa.received[-1]["message"] == "/" + "p" * 100


def test_an_unknown_callback_key_says_the_button_expired(stack: TelegramStack) -> None:
    stack.post_update(updates.callback_update("~" + "0" * 32, lang="en"))
    (sent,) = stack.api.wait_for("sendMessage")
    assert sent["text"] == texts.EXPIRED_BUTTON["en"]
    assert stack.rasa.received == []


@pytest.mark.parametrize(
    ("command", "payload"),
    [("/start", "/greet"), ("/privacy", "/privacy"), ("/forget", "/forget_me"), ("/report", "/report_incitement"),
     ("/language", "/switch_language"), ("/subscribe", "/subscribe"), ("/unsubscribe", "/unsubscribe")],
)  # fmt: skip
def test_commands_become_rasa_intents(stack: TelegramStack, command: str, payload: str) -> None:
    stack.post_update(updates.text_update(command))
    stack.api.wait_for("sendMessage")
    assert stack.rasa.received[0]["message"] == payload


@pytest.mark.parametrize(
    ("command", "text"), [("/help", texts.HELP), ("/about", texts.ABOUT), ("/nonsense", texts.HELP)]
)
def test_help_and_about_are_answered_locally(
    stack: TelegramStack, command: str, text: dict[str, str]
) -> None:
    stack.post_update(updates.text_update(command, lang="ar"))
    (sent,) = stack.api.wait_for("sendMessage")
    assert sent["text"] == text["ar"]
    assert stack.rasa.received == []


@pytest.mark.parametrize(
    "content", [updates.PHOTO, updates.STICKER, updates.VOICE, updates.DOCUMENT, updates.LOCATION]
)
def test_non_text_messages_get_a_polite_text_only_reply(
    stack: TelegramStack, content: dict
) -> None:
    stack.post_update(updates.update_with("message", lang=None, **content))
    (sent,) = stack.api.wait_for("sendMessage")
    assert sent["text"] == texts.localized(texts.TEXT_ONLY, None)
    assert stack.rasa.received == []


def test_edited_messages_get_a_polite_reply(stack: TelegramStack) -> None:
    stack.post_update(updates.update_with("edited_message", lang="en", text="changed"))
    (sent,) = stack.api.wait_for("sendMessage")
    assert sent["text"] == texts.EDITED["en"]
    assert stack.rasa.received == []


@pytest.mark.parametrize(
    "update",
    [
        updates.text_update("hello group", chat_type="group"),
        updates.text_update("/start", chat_type="supergroup"),
        updates.update_with("channel_post", text="news"),
        {"update_id": 77, "poll": {"id": "p", "question": "?", "options": [], "total_voter_count": 0,
                                   "is_closed": False, "is_anonymous": True, "type": "regular",
                                   "allows_multiple_answers": False}},
        {"update_id": 78, "some_future_update_type": {"x": 1}},
    ],
)  # fmt: skip
def test_groups_channels_and_unknown_updates_get_silence(
    stack: TelegramStack, update: dict
) -> None:
    assert stack.post_update(update) == 200
    stack.post_update(updates.text_update("sentinel", user_id=8))
    (sent,) = stack.api.wait_for("sendMessage")
    assert sent["chat_id"] == 8
    assert [body["message"] for body in stack.rasa.received] == ["sentinel"]


def test_texts_over_the_limit_get_a_polite_reply(stack: TelegramStack) -> None:
    stack.post_update(updates.text_update("x" * 4100, lang="en"))
    (sent,) = stack.api.wait_for("sendMessage")
    assert sent["text"] == texts.TOO_LONG["en"].format(limit=1000)
    assert stack.rasa.received == []


def test_rasa_down_gets_an_unavailable_reply(stack: TelegramStack) -> None:
    stack.rasa.fail_next = 1
    stack.post_update(updates.text_update("hello", lang="ar"))
    (sent,) = stack.api.wait_for("sendMessage")
    assert sent["text"] == texts.UNAVAILABLE["ar"]


def test_telegram_errors_are_retried_with_backoff(stack: TelegramStack) -> None:
    stack.api.fail("sendMessage", 502, 429)
    stack.post_update(updates.text_update("hello"))
    calls = stack.api.wait_for("sendMessage", 3, timeout_s=15)
    assert calls[0] == calls[2]


def test_a_permanent_error_is_logged_and_the_next_update_still_works(
    stack: TelegramStack, caplog: pytest.LogCaptureFixture
) -> None:
    stack.api.fail("sendMessage", 400)
    stack.post_update(updates.text_update("first"))
    stack.api.wait_for("sendMessage")
    stack.post_update(updates.text_update("second"))
    sent = stack.api.wait_for("sendMessage", 2)
    assert sent[1]["text"] == "You said: second"
    assert "Telegram handler failed on a message update" in caplog.text


def test_one_chat_is_answered_in_order_while_other_chats_go_ahead(stack: TelegramStack) -> None:
    stack.post_update(updates.text_update("slow question", user_id=51))
    stack.post_update(updates.text_update("quick follow-up", user_id=51))
    stack.post_update(updates.text_update("another user", user_id=52))
    sent = stack.api.wait_for("sendMessage", 3)
    assert [(m["chat_id"], m["text"]) for m in sent] == [
        (52, "You said: another user"),
        (51, "You said: slow question"),
        (51, "You said: quick follow-up"),
    ]


def test_confirmed_forget_me_deletes_the_telegram_users_tracker(stack: TelegramStack) -> None:
    sender = pseudonymize(stack.settings.pseudonym_key, "telegram", 61)
    engine = sa.create_engine(stack.settings.tracker_store_url)
    events = sa.Table("events", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                      sa.Column("sender_id", sa.String(255)))  # fmt: skip
    events.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(events.insert(), [{"sender_id": sender}, {"sender_id": "someone-else"}])
    stack.post_update(updates.callback_update("/forget_me_confirm", user_id=61))
    (sent,) = stack.api.wait_for("sendMessage")
    assert sent["text"] == "Done, forgotten."
    with engine.connect() as connection:
        remaining = [row.sender_id for row in connection.execute(sa.select(events.c.sender_id))]
    engine.dispose()
    assert remaining == ["someone-else"]


async def test_outreach_requests_in_bot_messages_go_to_the_callback_in_a_thread() -> None:
    calls: list[tuple[str, int, dict, bool]] = []

    def on_request(pseudonym: str, chat_id: int, custom: dict) -> None:
        calls.append((pseudonym, chat_id, custom, threading.current_thread() is main))
        if custom.get("boom"):
            raise RuntimeError("database down")

    main = threading.current_thread()
    deps = ChannelDeps(Settings(), None, None, on_request)  # type: ignore[arg-type]
    marker = {"hiwar_outreach": {"action": "unsubscribe"}}
    messages = [BotMessage(text="ok"), BotMessage(custom={"boom": True}), BotMessage(custom=marker)]
    await apply_outreach_requests(deps, "p-1", 42, messages)
    assert calls == [("p-1", 42, {"boom": True}, False), ("p-1", 42, marker, False)]
