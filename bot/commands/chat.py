"""`hiwar chat`: a terminal conversation with the running bot, through the gateway's chat API."""

from __future__ import annotations

import argparse
import uuid

import httpx

from bot.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `hiwar chat`."""
    parser.add_argument("--url", help="gateway base URL (default: from settings)")
    parser.add_argument("--session", help="session id to continue (default: a new one)")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Read lines, send them, print the replies; a number picks a button of the last reply."""
    base = args.url or f"http://{settings.web.host}:{settings.web.port}"
    session_id = args.session or uuid.uuid4().hex
    print(f"Talking to {base} as session {session_id}. Empty line or Ctrl-D quits.")
    buttons: list[dict[str, str]] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        while True:
            try:
                line = input("you> ").strip()
            except (EOFError, KeyboardInterrupt):
                print()
                return 0
            if not line:
                return 0
            message = pick_button(line, buttons)
            buttons = send_and_print(client, session_id, message)


def pick_button(line: str, buttons: list[dict[str, str]]) -> str:
    """`2` means the payload of the second button shown; anything else is sent as typed."""
    if line.isdigit() and 1 <= int(line) <= len(buttons):
        return buttons[int(line) - 1]["payload"]
    return line


def send_and_print(client: httpx.Client, session_id: str, message: str) -> list[dict[str, str]]:
    """Send one message and print every bot message with numbered buttons."""
    try:
        response = client.post("/api/chat", json={"session_id": session_id, "message": message})
    except httpx.HTTPError as error:
        print(f"(cannot reach the gateway: {error})")
        return []
    body = (
        response.json()
        if response.headers.get("content-type", "").startswith("application/json")
        else {}
    )
    if response.status_code != 200:
        print(f"({response.status_code}: {body.get('detail', response.text)})")
        return []
    buttons: list[dict[str, str]] = []
    for bot_message in body.get("messages", []):
        if bot_message.get("text"):
            print(f"bot> {bot_message['text']}")
        for button in bot_message.get("buttons") or []:
            buttons.append(button)
            print(f"     [{len(buttons)}] {button['title']}")
    return buttons
