from __future__ import annotations

import pytest

from bot.dialogue.reports import (
    LinkAnswer,
    new_reference,
    read_country,
    read_link_answer,
    read_platform,
)


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


def test_references_are_short_and_distinct() -> None:
    references = {new_reference() for _ in range(200)}
    assert len(references) == 200
    assert all(len(ref) == 12 and ref.startswith("HW-") for ref in references)
