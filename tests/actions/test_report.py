from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.report import ActionSubmitReport, ValidateReportForm
from bot.dialogue.services import Store
from bot.reports.references import canonical_reference
from bot.settings import Settings
from bot.store.models import Report, ReportSubmission
from tests.actions.conftest import make_tracker


def test_a_non_link_is_re_asked(settings: Settings, domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("report_form")
    result = ValidateReportForm().validate_report_url(
        "I saw it on my phone", dispatcher, tracker, domain
    )
    assert result == {"report_url": None}
    assert dispatcher.messages[0]["response"] == "utter_invalid_link"


def test_a_link_fills_the_platform_and_skips_the_quote(
    settings: Settings, domain: dict[str, Any]
) -> None:
    result = ValidateReportForm().validate_report_url(
        "here https://t.me/badchannel/42",
        CollectingDispatcher(),
        make_tracker("report_form"),
        domain,
    )
    assert result == {"report_url": "https://t.me/badchannel/42", "report_quote": "none",
                      "report_platform": "telegram"}  # fmt: skip


def test_no_link_then_asks_for_the_text(settings: Settings, domain: dict[str, Any]) -> None:
    tracker = make_tracker("report_form", latest_message={"intent": {"name": "deny"}})
    result = ValidateReportForm().validate_report_url(
        "no link", CollectingDispatcher(), tracker, domain
    )
    assert result == {"report_url": "none"}


def test_pasted_post_text_is_taken_as_the_quote(settings: Settings, domain: dict[str, Any]) -> None:
    quote = "كل من لا يبايع الدولة كافر ويجب قتاله أينما وجد في أي مكان"
    result = ValidateReportForm().validate_report_url(
        quote, CollectingDispatcher(), make_tracker("report_form"), domain
    )
    assert result == {"report_url": "none", "report_quote": quote}


def test_country_is_optional(settings: Settings, domain: dict[str, Any]) -> None:
    validate = ValidateReportForm().validate_report_country
    skip = make_tracker("report_form", latest_message={"intent": {"name": "deny"}})
    assert validate("skip", CollectingDispatcher(), skip, domain) == {"report_country": "none"}
    assert validate("من العراق", CollectingDispatcher(), make_tracker("report_form"), domain) == {
        "report_country": "IQ"
    }


def test_platform_from_button_entity_or_words(settings: Settings, domain: dict[str, Any]) -> None:
    validate = ValidateReportForm().validate_report_platform
    with_entity = make_tracker(
        "report_form", latest_message={"entities": [{"entity": "platform", "value": "تيك توك"}]}
    )
    assert validate("x", CollectingDispatcher(), with_entity, domain) == {
        "report_platform": "tiktok"
    }
    assert validate("a forum", CollectingDispatcher(), make_tracker("report_form"), domain) == {
        "report_platform": "a forum"
    }


async def test_submit_files_a_case_gives_its_reference_and_clears_the_form(
    store: Store, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        "report_form",
        slots={"report_url": "https://t.me/bad/1", "report_quote": "none", "report_platform": "telegram",
               "report_country": "none", "report_description": "calls to attack a church"},
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitReport().run(dispatcher, tracker, domain)
    message = dispatcher.messages[0]
    assert message["response"] == "utter_report_submitted"
    assert canonical_reference(message["reference"]) == message["reference"]
    assert {e["name"]: e["value"] for e in events} == dict.fromkeys(
        ["report_url", "report_quote", "report_platform", "report_country", "report_description"]
    )
    with store.sessions() as session:
        (case,) = session.scalars(select(Report))
        (submission,) = session.scalars(select(ReportSubmission))
    assert (case.reference, case.url, case.text, case.platform, case.country, case.status) == (
        message["reference"], "https://t.me/bad/1", None, "telegram", None, "new"
    )  # fmt: skip
    assert (submission.report_id, submission.reporter_pseudonym) == (case.id, "pseudo-c0ffee")


async def test_a_second_report_of_the_same_link_gets_the_same_reference(
    store: Store, domain: dict[str, Any]
) -> None:
    slots = {"report_url": "https://t.me/bad/1", "report_quote": "none",
             "report_platform": "telegram", "report_description": "again"}  # fmt: skip
    references = []
    for _ in range(2):
        dispatcher = CollectingDispatcher()
        await ActionSubmitReport().run(dispatcher, make_tracker("report_form", slots=slots), domain)
        references.append(dispatcher.messages[0]["reference"])
    assert references[0] == references[1]
    with store.sessions() as session:
        assert session.scalar(select(Report.report_count)) == 2


async def test_an_unready_database_spools_the_report_with_a_reference(
    settings: Settings, unmigrated_database: None, domain: dict[str, Any]
) -> None:
    tracker = make_tracker("report_form", slots={"report_url": "https://t.me/bad/2",
                                                 "report_description": "x"})  # fmt: skip
    dispatcher = CollectingDispatcher()
    await ActionSubmitReport().run(dispatcher, tracker, domain)
    reference = dispatcher.messages[0]["reference"]
    assert (settings.var_dir / "spool" / f"{reference}.json").exists()


async def test_an_invalid_report_is_apologised_for(store: Store, domain: dict[str, Any]) -> None:
    tracker = make_tracker("report_form", slots={"report_url": "none", "report_quote": "none"})
    dispatcher = CollectingDispatcher()
    assert await ActionSubmitReport().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages[0]["response"] == "utter_report_failed"


async def test_with_a_link_the_quote_is_not_asked(
    settings: Settings, domain: dict[str, Any]
) -> None:
    slots = ["report_url", "report_quote", "report_platform"]
    form = ValidateReportForm()
    with_link = make_tracker("report_form", slots={"report_url": "https://t.me/x"})
    assert await form.required_slots(slots, CollectingDispatcher(), with_link, domain) == [
        "report_url",
        "report_platform",
    ]
    without = make_tracker("report_form", slots={"report_url": "none"})
    assert await form.required_slots(slots, CollectingDispatcher(), without, domain) == slots
