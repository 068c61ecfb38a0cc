"""The chat API the widget talks to: send a message, read the conversation so far."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from bot.channels.conversation import clean_text, sender_for, take_turn
from bot.retrieval.language import script_counts
from bot.web.deps import ClientIpDep, RasaDep, RateLimitsDep, SettingsDep
from bot.web.errors import EmptyMessage, MessageTooLong
from bot.web.history import history_from_tracker
from bot.web.ops_deps import session_factory
from bot.web.schemas import SESSION_ID_PATTERN, ChatReply, ChatRequest, HistoryReply

router = APIRouter(prefix="/api/chat", tags=["chat"])

ERROR_RESPONSES: dict[int | str, dict[str, str]] = {
    413: {"description": "message longer than the configured limit"},
    422: {"description": "malformed JSON, bad session id or empty message"},
    429: {"description": "rate limit; see Retry-After"},
    503: {"description": "Rasa unavailable; see Retry-After; detail is in the user's language"},
}


def reply_language(text: str, declared: str | None) -> Literal["ar", "en"]:
    """The widget's language if it said one, else the script the user wrote in."""
    if declared in ("ar", "en"):
        return declared  # type: ignore[return-value]
    arabic, latin = script_counts(text)
    return "ar" if arabic > latin else "en"


@router.post(
    "", response_model=ChatReply, response_model_exclude_none=True, responses=ERROR_RESPONSES
)
async def send_chat_message(
    body: ChatRequest,
    request: Request,
    settings: SettingsDep,
    rasa: RasaDep,
    limits: RateLimitsDep,
    client_ip: ClientIpDep,
) -> ChatReply:
    """Send one user message to the bot and return its answers."""
    request.state.lang = reply_language(body.message, body.lang)
    if len(body.message) > settings.web.max_message_chars:
        raise MessageTooLong(len(body.message), settings.web.max_message_chars)
    text = clean_text(body.message)
    if not text:
        raise EmptyMessage()
    limits.check(body.session_id, client_ip)
    sender_id = sender_for(settings, "web", body.session_id)
    metadata = {"channel": "web", "lang": body.lang}
    sessions = session_factory(request)  # the scholars' queue, if the action server is down
    messages = await take_turn(settings, rasa, sender_id, text, metadata, sessions)
    return ChatReply(messages=messages)


@router.get(
    "/history",
    response_model=HistoryReply,
    response_model_exclude_none=True,
    responses=ERROR_RESPONSES,
)
async def read_chat_history(
    session_id: Annotated[str, Query(pattern=SESSION_ID_PATTERN)],
    request: Request,
    settings: SettingsDep,
    rasa: RasaDep,
    limits: RateLimitsDep,
    client_ip: ClientIpDep,
    lang: Annotated[Literal["ar", "en"] | None, Query()] = None,
) -> HistoryReply:
    """The conversation of this browser session, oldest message first."""
    request.state.lang = lang or "en"
    limits.check(None, client_ip)
    tracker = await rasa.fetch_tracker(sender_for(settings, "web", session_id))
    return HistoryReply(messages=history_from_tracker(tracker))
