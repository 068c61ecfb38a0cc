from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.dialogue.reports import (
    LinkAnswer,
    ReportDraft,
    read_country,
    read_link_answer,
    read_platform,
    submit_report,
)
from bot.dialogue.services import Store
from bot.store.models import Report


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [("https://t.me/x/1", None, LinkAnswer("url", "https://t.me/x/1")),
     ("see www.example.com/post.", None, LinkAnswer("url", "www.example.com/post")),
     ("no link", "deny", LinkAnswer("no_link")),
     ("facebook", "report_incitement", LinkAnswer("invalid")),
     ("they wrote that everyone who votes is an apostate and must die", None,
      LinkAnswer("quote", "they wrote that everyone who votes is an apostate and must die"))],
)  # fmt: skip
def test_read_link_answer(text: str, intent: str | None, expected: LinkAnswer) -> None:
    assert read_link_answer(text, intent) == expected


def test_platform_and_country_readers() -> None:
    assert read_platform("it was there", None, "https://vm.tiktok.com/abc") == "tiktok"
    assert read_platform("على فيسبوك", None, None) == "facebook"
    assert read_country("skip", "deny") == "none"
    assert read_country("Morocco", None) == "MA"


def test_a_pasted_post_without_a_link_is_filed_as_a_case(store: Store) -> None:
    draft = ReportDraft(
        url=None, quote="everyone who votes is an apostate", platform="a forum", country="EG",
        description="", lang="ar", reporter="p-1",
    )  # fmt: skip
    reference = submit_report(store, draft)
    with store.sessions() as session:
        case = session.scalar(select(Report).where(Report.reference == reference))
    assert case is not None
    assert (case.text, case.platform, case.country, case.language) == (
        "everyone who votes is an apostate", "a forum", "EG", "ar"
    )  # fmt: skip
