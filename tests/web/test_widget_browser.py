"""The widget as a person meets it: headless Chromium on the demo page, fake Rasa behind.

Screenshots of the Arabic and English conversations go to var/test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Locator, Page, sync_playwright

from bot.settings import PROJECT_ROOT
from bot.web.app import create_app
from tests.web.conftest import make_settings
from tests.web.fake_rasa import FakeRasa
from tests.web.loopback import serve

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = PROJECT_ROOT / "var" / "test-artifacts"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
XSS = "<img src=x onerror=alert(1)>"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed"),
]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, FakeRasa]]:
    """The real gateway on a loopback port, talking to a fake Rasa."""
    fake = FakeRasa()
    with serve(fake.app()) as rasa_url:
        settings = make_settings(tmp_path, [rasa_url])
        with serve(create_app(settings), lifespan="on") as gateway_url:
            yield gateway_url, fake


@pytest.fixture
def page(site: tuple[str, FakeRasa]) -> Iterator[Page]:
    """A phone-sized page (360 px wide) in headless Debian Chromium."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        browser.close()


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Messages of every alert/confirm/prompt the page opens (each dismissed)."""
    opened: list[str] = []

    def record(dialog: Dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return opened


def ask(page: Page, text: str) -> None:
    """Type a message and send it with Enter, as a user would."""
    page.locator(".hiwar-input").fill(text)
    page.locator(".hiwar-input").press("Enter")


def bot_message(page: Page, text: str) -> Locator:
    return page.locator(".hiwar-msg-bot", has_text=text)


def test_conversation_in_arabic_and_english_survives_a_reload(
    page: Page, site: tuple[str, FakeRasa]
) -> None:
    url, fake = site
    page.goto(url + "/")
    page.locator(".hiwar-launcher").click()
    assert page.locator(".hiwar-input").evaluate("el => el === el.getRootNode().activeElement")
    bot_message(page, "مساعد آلي يديره المركز").wait_for()  # welcome with disclosure (/greet)

    ask(page, "هل قتل المدنيين جهاد؟")
    answer = bot_message(page, "قتل المدنيين ليس جهادًا")
    answer.wait_for()
    assert answer.evaluate("el => getComputedStyle(el).direction") == "rtl"
    link = page.locator(".hiwar-msg-bot a", has_text="https://example.org/open-letter").first
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert link.get_attribute("target") == "_blank"
    assert page.locator(".hiwar-panel").evaluate("el => getComputedStyle(el).direction") == "rtl"
    page.screenshot(path=str(ARTIFACTS / "widget-arabic.png"))

    page.locator(".hiwar-lang").click()
    ask(page, "Is killing civilians jihad?")
    english = bot_message(page, "Killing civilians is not jihad")
    english.wait_for()
    assert english.evaluate("el => getComputedStyle(el).direction") == "ltr"
    page.locator(".hiwar-button", has_text="Tell me more").last.click()
    bot_message(page, "Here is more detail").wait_for()
    assert fake.received[-1]["message"] == "/tell_more"
    page.screenshot(path=str(ARTIFACTS / "widget-english.png"))

    page.reload()
    bot_message(page, "Here is more detail").wait_for()  # the panel reopens with the history
    log_text = page.locator(".hiwar-log").inner_text()
    assert "هل قتل المدنيين جهاد؟" in log_text and "Tell me more" in log_text
    assert page.locator(".hiwar-msg-user", has_text="/greet").count() == 0
    assert len({body["sender"] for body in fake.received}) == 1


def test_markup_in_messages_is_shown_as_text_and_never_run(
    page: Page, dialogs: list[str], site: tuple[str, FakeRasa]
) -> None:
    url, _ = site
    page.goto(url + "/")
    page.locator(".hiwar-launcher").click()
    ask(page, XSS)
    echoed = bot_message(page, "You said: " + XSS)
    echoed.wait_for()
    assert page.locator(".hiwar-msg-user", has_text=XSS).count() == 1
    assert page.locator(".hiwar-log img").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []


def test_rasa_unavailable_shows_reconnecting_then_delivers(
    page: Page, site: tuple[str, FakeRasa]
) -> None:
    url, fake = site
    page.goto(url + "/")
    page.locator(".hiwar-launcher").click()
    bot_message(page, "مساعد آلي").wait_for()
    fake.fail_next = 1  # the gateway answers 503 once
    ask(page, "hello there")
    status = page.locator(".hiwar-status")
    status.wait_for(state="visible")
    assert "إعادة الاتصال" in status.inner_text()
    page.locator(".hiwar-retry").click()  # "retry now" instead of waiting for the backoff
    bot_message(page, "You said: hello there").wait_for()
    status.wait_for(state="hidden")
    assert page.locator(".hiwar-msg-user", has_text="hello there").count() == 1


def test_keyboard_escape_closes_and_returns_focus(page: Page, site: tuple[str, FakeRasa]) -> None:
    url, _ = site
    page.goto(url + "/")
    launcher = page.locator(".hiwar-launcher")
    launcher.focus()
    page.keyboard.press("Enter")
    page.locator(".hiwar-panel").wait_for(state="visible")
    assert page.locator(".hiwar-panel").get_attribute("role") == "dialog"
    assert page.locator(".hiwar-log").get_attribute("aria-live") == "polite"
    page.keyboard.press("Escape")
    page.locator(".hiwar-panel").wait_for(state="hidden")
    assert launcher.evaluate("el => el === el.getRootNode().activeElement")
    assert launcher.get_attribute("aria-expanded") == "false"


def test_unreachable_server_shows_reconnecting_and_retries_by_itself(
    page: Page, site: tuple[str, FakeRasa]
) -> None:
    url, _ = site
    page.goto(url + "/")
    page.locator(".hiwar-launcher").click()
    bot_message(page, "مساعد آلي").wait_for()
    page.route("**/api/chat", lambda route: route.abort("connectionrefused"))
    ask(page, "are you there?")
    status = page.locator(".hiwar-status")
    status.wait_for(state="visible")
    page.screenshot(path=str(ARTIFACTS / "widget-reconnecting.png"))
    page.unroute("**/api/chat")
    bot_message(page, "You said: are you there?").wait_for()  # backoff retry, no click
    status.wait_for(state="hidden")
