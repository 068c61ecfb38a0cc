"""Request and response bodies of the chat API (they make the OpenAPI schema at /docs)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from bot.channels.messages import BotMessage

# A random id the widget keeps in localStorage; long enough to be unguessable,
# because knowing it is what lets a browser read its history.
SESSION_ID_PATTERN = r"^[A-Za-z0-9_-]{16,128}$"


class ChatRequest(BaseModel):
    """One message from the website widget."""

    session_id: str = Field(
        pattern=SESSION_ID_PATTERN, examples=["3f6c2a9e-5b1d-4c7e-9a0b-2d4e6f8a1c3b"]
    )
    message: str = Field(examples=["هل قتل المدنيين جهاد؟"])
    lang: Literal["ar", "en"] | None = Field(
        default=None, description="the widget's interface language"
    )


class ChatReply(BaseModel):
    """The bot's answers to one message, in order."""

    messages: list[BotMessage]


class HistoryMessage(BotMessage):
    """A past message, from the user or the bot."""

    sender: Literal["user", "bot"]


class HistoryReply(BaseModel):
    """The conversation so far (since the last restart), oldest first."""

    messages: list[HistoryMessage]
