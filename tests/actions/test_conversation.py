"""Greeting, language, subscriptions and initiatives: the small flows."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.initiatives import ActionFindInitiative, ValidateInitiativeForm
from actions.language import ActionDetectLanguage
from actions.outreach import ActionSubscribe, ActionUnsubscribe
from actions.welcome import ActionGreet
from bot.dialogue.services import Services
from bot.outreach.channel_requests import OutreachRequest, parse_request
from tests.actions.conftest import make_tracker


async def test_first_greeting_is_the_full_welcome_then_short(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionGreet().run(dispatcher, make_tracker("question_ar"), domain)
    assert dispatcher.messages[0]["response"] == "utter_welcome"
    assert events[0]["name"] == "welcomed"
    dispatcher = CollectingDispatcher()
    assert await ActionGreet().run(dispatcher, make_tracker("question_en"), domain) == []
    assert dispatcher.messages[0]["response"] == "utter_greet"


async def test_language_follows_an_arabic_message_and_an_explicit_switch(
    domain: dict[str, Any],
) -> None:
    arabic = make_tracker("question_ar", slots={"language": "en"}, latest_message={"metadata": {}})
    events = await ActionDetectLanguage().run(CollectingDispatcher(), arabic, domain)
    assert [(e["name"], e["value"]) for e in events] == [("language", "ar")]
    switch = make_tracker(
        "question_ar",
        latest_message={"text": "بالانجليزي لو سمحت", "intent": {"name": "switch_language"}},
    )
    events = await ActionDetectLanguage().run(CollectingDispatcher(), switch, domain)
    assert [(e["name"], e["value"]) for e in events] == [
        ("language", "en"),
        ("preferred_language", "en"),
    ]


async def test_subscribing_on_telegram_asks_how_often_then_asks_the_channel(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    assert await ActionSubscribe().run(dispatcher, make_tracker("question_ar"), domain) == []
    (question,) = dispatcher.messages
    assert question["response"] == "utter_choose_frequency"
    button = make_tracker(
        "question_ar",
        latest_message={"text": '/subscribe{"frequency": "daily"}', "intent": {"name": "subscribe"},
                        "entities": [{"entity": "frequency", "value": "daily"}]},
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = await ActionSubscribe().run(dispatcher, button, domain)
    marker, confirmation = dispatcher.messages
    assert parse_request(marker["custom"]) == OutreachRequest("subscribe", "ar", "daily")
    assert confirmation["response"] == "utter_subscribed_daily"
    assert events == [{"event": "slot", "name": "frequency", "value": "daily", "timestamp": None}]


async def test_unsubscribing_on_telegram_asks_the_channel_to_stop(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    await ActionUnsubscribe().run(dispatcher, make_tracker("question_ar"), domain)
    marker, confirmation = dispatcher.messages
    assert parse_request(marker["custom"]) == OutreachRequest("unsubscribe", "en", "weekly")
    assert confirmation["response"] == "utter_unsubscribed"


async def test_on_the_web_subscriptions_are_pointed_to_telegram(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    await ActionSubscribe().run(dispatcher, make_tracker("question_en"), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_subscribe_on_telegram"]
    dispatcher = CollectingDispatcher()
    await ActionUnsubscribe().run(dispatcher, make_tracker("question_en"), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_unsubscribed"]


def test_any_country_answer_ends_the_question(domain: dict[str, Any]) -> None:
    validate = ValidateInitiativeForm().validate_country
    tracker = make_tracker("question_en")
    assert validate("I live in Jordan", CollectingDispatcher(), tracker, domain) == {
        "country": "JO"
    }
    assert validate("JO", CollectingDispatcher(), tracker, domain) == {"country": "JO"}
    assert validate("Atlantis", CollectingDispatcher(), tracker, domain) == {"country": "*"}


async def test_initiatives_local_first_then_international(
    services: Services, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionFindInitiative().run(
        dispatcher, make_tracker("question_ar", slots={"country": "JO"}), domain
    )
    assert [m["response"] for m in dispatcher.messages] == ["utter_initiatives"]
    assert dispatcher.messages[0]["initiatives"] == "• شباب الأردن — +962 1"
    dispatcher = CollectingDispatcher()
    await ActionFindInitiative().run(
        dispatcher, make_tracker("question_en", slots={"country": "*"}), domain
    )
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_no_local_initiatives",
        "utter_initiatives",
    ]
    assert "Global help — https://g.example" in dispatcher.messages[1]["initiatives"]
