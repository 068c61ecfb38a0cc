from __future__ import annotations

from typing import Any

from pydantic import SecretStr
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from actions.privacy import ActionForgetMe, ActionPrivacy
from bot.dialogue.queue import record_unanswered
from bot.dialogue.reports import ReportDraft, submit_report
from bot.dialogue.services import Store
from bot.outreach.addresses import AddressCipher
from bot.outreach.models import Subscriber, TelegramAddress
from bot.outreach.subscriptions import subscribe
from bot.settings import Settings
from bot.store.models import Report, ReportSubmission, ReviewQuestion
from tests.actions.conftest import make_tracker

ME, OTHER = "pseudo-7f3a9c", "someone-else"


def remember(store: Store, sender: str) -> None:
    """A queued question, a report submission and a Telegram subscription of ``sender``."""
    record_unanswered(store, sender=sender, question="why?", lang="en", channel="telegram",
                      kind="ask_scholar")  # fmt: skip
    submit_report(store, ReportDraft(url="https://t.me/x/1", quote=None, platform=None,
                                     country=None, description="", lang="en", reporter=sender))  # fmt: skip
    with store.sessions() as session:
        subscribe(session, sender, "telegram", "en", "weekly", 42,
                  cipher=AddressCipher(SecretStr("k")))  # fmt: skip


def owners(store: Store) -> dict[str, list[str]]:
    with store.sessions() as session:
        return {
            "questions": list(session.scalars(select(ReviewQuestion.pseudonym))),
            "submissions": list(session.scalars(select(ReportSubmission.reporter_pseudonym))),
            "subscribers": list(session.scalars(select(Subscriber.pseudonym))),
            "addresses": list(session.scalars(select(TelegramAddress.pseudonym))),
        }


async def test_privacy_states_the_configured_retention(
    settings: Settings, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionPrivacy().run(dispatcher, make_tracker("question_en"), domain)
    assert dispatcher.messages[0]["response"] == "utter_privacy"
    assert dispatcher.messages[0]["retention_days"] == settings.retention_days


async def test_confirmed_forget_deletes_our_rows_and_tells_the_channel(
    store: Store, domain: dict[str, Any]
) -> None:
    for sender in (ME, OTHER):
        remember(store, sender)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("question_en", slots={"forget_confirmed": True})
    events = await ActionForgetMe().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_forgotten"
    assert dispatcher.messages[1]["custom"] == {"hiwar_forget": True}
    assert events == [{"event": "followup", "name": "action_restart", "timestamp": None}]
    assert owners(store) == {"questions": [OTHER], "submissions": [OTHER],
                             "subscribers": [OTHER], "addresses": [OTHER]}  # fmt: skip
    with store.sessions() as session:  # the case is evidence, not the reporter's data
        assert session.scalar(select(func.count()).select_from(Report)) == 1


async def test_declined_forget_deletes_nothing(store: Store, domain: dict[str, Any]) -> None:
    remember(store, ME)
    dispatcher = CollectingDispatcher()
    events = await ActionForgetMe().run(
        dispatcher, make_tracker("question_en", slots={"forget_confirmed": False}), domain
    )
    assert dispatcher.messages[0]["response"] == "utter_forget_cancelled"
    assert events == [
        {"event": "slot", "name": "forget_confirmed", "value": None, "timestamp": None}
    ]
    assert owners(store) == {"questions": [ME], "submissions": [ME],
                             "subscribers": [ME], "addresses": [ME]}  # fmt: skip
