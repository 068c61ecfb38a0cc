"""Factories for the Telegram updates the tests feed in (shapes as the Bot API sends them)."""

from __future__ import annotations

import itertools
import time
from typing import Any

_ids = itertools.count(1000)


def user(user_id: int = 4242, lang: str | None = "en") -> dict[str, Any]:
    """A Telegram user; ``lang`` is their client's language_code."""
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Sami"}
    if lang:
        data["language_code"] = lang
    return data


def message(
    user_id: int = 4242, lang: str | None = "en", chat_type: str = "private", **content: Any
) -> dict[str, Any]:
    """A message from a user; content is text=…, photo=[…], sticker={…}, …"""
    chat_id = user_id if chat_type == "private" else -100123
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type != "private":
        chat["title"] = "Some group"
    return {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": chat,
        "from": user(user_id, lang),
        **content,
    }


def text_update(
    text: str, user_id: int = 4242, lang: str | None = "en", chat_type: str = "private"
) -> dict[str, Any]:
    """A new text message (commands carry a bot_command entity, as Telegram sends them)."""
    content: dict[str, Any] = {"text": text}
    if text.startswith("/"):
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": next(_ids), "message": message(user_id, lang, chat_type, **content)}


def update_with(kind: str, user_id: int = 4242, **content: Any) -> dict[str, Any]:
    """An update of a given kind (message, edited_message, channel_post) with content."""
    if kind == "channel_post":
        chat = {"id": -100777, "type": "channel", "title": "News"}
        return {
            "update_id": next(_ids),
            kind: {"message_id": next(_ids), "date": int(time.time()), "chat": chat, **content},
        }
    data = message(user_id, **content)
    if kind == "edited_message":
        data["edit_date"] = int(time.time())
    return {"update_id": next(_ids), kind: data}


def callback_update(data: str, user_id: int = 4242, lang: str | None = "en") -> dict[str, Any]:
    """A tap on an inline button under a bot message."""
    bot_message = {"message_id": next(_ids), "date": int(time.time()), "chat": {"id": user_id, "type": "private"},
                   "text": "question?", "from": {"id": 999000, "is_bot": True, "first_name": "Hiwar"}}  # fmt: skip
    query = {"id": f"cbq-{next(_ids)}", "from": user(user_id, lang), "chat_instance": "ci", "data": data,
             "message": bot_message}  # fmt: skip
    return {"update_id": next(_ids), "callback_query": query}


PHOTO = {"photo": [{"file_id": "ph1", "file_unique_id": "u1", "width": 90, "height": 90}]}
STICKER = {"sticker": {"file_id": "st1", "file_unique_id": "u2", "width": 512, "height": 512,
                       "is_animated": False, "is_video": False, "type": "regular"}}  # fmt: skip
VOICE = {"voice": {"file_id": "vo1", "file_unique_id": "u3", "duration": 3}}
DOCUMENT = {"document": {"file_id": "do1", "file_unique_id": "u4", "file_name": "a.pdf"}}
LOCATION = {"location": {"latitude": 24.7, "longitude": 46.7}}
