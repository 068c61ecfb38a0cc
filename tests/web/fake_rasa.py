"""A fake Rasa server on loopback: the hiwar channel, the tracker API and the root URL.

Answers like the real bot would (welcome with disclosure, referenced answers with
buttons, "forget me"), records every request, and can be told to fail, so gateway
and widget tests do not depend on a trained model.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse

SLOW_TURN_S = 1.0
ARABIC = re.compile(r"[\u0600-\u06ff]")

FOLLOW_UPS = {
    "ar": [
        {"title": "أخبرني المزيد", "payload": "/tell_more"},
        {"title": "ما مصدرك؟", "payload": "/ask_source"},
    ],
    "en": [
        {"title": "Tell me more", "payload": "/tell_more"},
        {"title": "What is your source?", "payload": "/ask_source"},
    ],
}
ANSWERS = {
    "ar": (
        "لا، قتل المدنيين ليس جهادًا، بل هو محرّم بإجماع العلماء.",
        "المصادر: القرآن 5:32 · الرسالة المفتوحة إلى البغدادي (2014)، البند 8: https://example.org/open-letter",
    ),
    "en": (
        "No. Killing civilians is not jihad; scholars agree it is forbidden.",
        "Sources: Qur'an 5:32 · Open Letter to al-Baghdadi (2014), point 8: https://example.org/open-letter",
    ),
}
WELCOME = {
    "ar": "السلام عليكم! أنا «حوار»، مساعد آلي يديره المركز. اسألني ما تشاء.",
    "en": "Hello! I'm Hiwar, an automated assistant run by the centre. Ask me anything.",
}
MORE = {
    "ar": "وإليك المزيد من التفصيل حول هذا الموضوع.",
    "en": "Here is more detail on this topic.",
}


@dataclass
class FakeRasa:
    """State of the fake: what it received, the trackers it keeps, injected failures."""

    received: list[dict[str, Any]] = field(default_factory=list)
    tracker_tokens: list[str | None] = field(default_factory=list)
    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    fail_next: int = 0
    name: str = "rasa"

    def reply(self, message: str, lang: str | None) -> list[dict[str, Any]]:
        """The bot's answer to one message."""
        lang = lang or ("ar" if ARABIC.search(message) else "en")
        if message == "/greet":
            return [{"text": WELCOME[lang]}]
        if message == "/tell_more":
            return [{"text": MORE[lang]}]
        if message == "/forget_me_confirm":
            return [{"text": "Done, forgotten.", "custom": {"hiwar_forget": True}}]
        if message == "/long":
            return [
                {
                    "text": "word " * 2000,
                    "buttons": [{"title": "x" * 10, "payload": "/" + "p" * 100}],
                }
            ]
        if "civilian" in message.lower() or "المدنيين" in message:
            answer, references = ANSWERS[lang]
            return [{"text": answer}, {"text": references, "buttons": FOLLOW_UPS[lang]}]
        return [{"text": f"You said: {message}"}]

    def app(self) -> FastAPI:
        """The fake as an ASGI app."""
        app = FastAPI()

        @app.get("/")
        async def hello() -> PlainTextResponse:
            return PlainTextResponse("Hello from Rasa: 3.6.21")

        @app.post("/webhooks/hiwar/webhook")
        async def webhook(request: Request) -> JSONResponse:
            body = await request.json()
            self.received.append(body)
            if body["message"].startswith("slow"):  # a turn that keeps Rasa busy
                await asyncio.sleep(SLOW_TURN_S)
            if self.fail_next > 0:
                self.fail_next -= 1
                return JSONResponse({"error": "injected"}, status_code=500)
            messages = self.reply(body["message"], body["metadata"].get("lang"))
            log = self.events.setdefault(body["sender"], [])
            log.append({"event": "user", "text": body["message"], "metadata": body["metadata"]})
            log.extend({"event": "bot", "text": m.get("text"), "data": m} for m in messages)
            return JSONResponse([{"recipient_id": body["sender"], **m} for m in messages])

        @app.get("/conversations/{sender}/tracker")
        async def tracker(sender: str, token: str | None = None) -> JSONResponse:
            self.tracker_tokens.append(token)
            events = [{"event": "action", "name": "action_listen"}, *self.events.get(sender, [])]
            return JSONResponse({"sender_id": sender, "events": events})

        return app
