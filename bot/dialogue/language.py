"""Which language to answer in: the user's message, their explicit choice, or the last one.

Runs after every user message (through ``action_detect_language``). A message only
moves the language when it says enough to be sure; "ok", "👍" or a button payload
keep the previous choice.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.retrieval.language import detect_language

Lang = Literal["ar", "en"]
LANGS: tuple[Lang, ...] = ("ar", "en")
# A message decides the language when it has this many words, or this many letters.
DECISIVE_WORDS = 3
DECISIVE_LETTERS = 15

_NAMES: dict[Lang, tuple[str, ...]] = {
    "ar": ("arabic", "عربي", "العربية", "العربيه", "بالعربي", "بالعربية"),
    "en": ("english", "eng", "انجليزي", "إنجليزي", "الانجليزية", "الإنجليزية", "بالانجليزي",
           "بالإنجليزي", "انكليزي", "بالانكليزي", "للانجليزية", "للإنجليزية"),
}  # fmt: skip


def as_lang(value: object) -> Lang | None:
    """The value if it is a supported language code, else None."""
    return value if value in LANGS else None  # type: ignore[return-value]


def other_language(lang: Lang | None) -> Lang:
    """The language that is not ``lang`` (English when unknown, so Arabic users get "ar")."""
    return "en" if lang == "ar" else "ar"


def requested_language(text: str) -> Lang | None:
    """The language a "switch language" message names, if it names one."""
    words = set(re.findall(r"[\w']+", text.lower()))
    named = [lang for lang, names in _NAMES.items() if words & set(names)]
    return named[0] if len(named) == 1 else None


def decisive_language(text: str) -> Lang | None:
    """The message's language when it is long enough to be sure, else None."""
    if text.startswith("/"):
        return None
    detected = as_lang(detect_language(text))
    letters = sum(ch.isalpha() for ch in text)
    if detected and (len(text.split()) >= DECISIVE_WORDS or letters >= DECISIVE_LETTERS):
        return detected
    return None


def choose_language(
    text: str,
    *,
    intent: str | None,
    metadata_lang: str | None,
    previous: str | None,
    preferred: str | None,
) -> tuple[Lang | None, Lang | None]:
    """(language to answer in, explicit preference to remember) for one user message."""
    if intent == "switch_language":
        current = as_lang(previous) or as_lang(metadata_lang)
        chosen = requested_language(text) or other_language(current)
        return chosen, chosen
    if as_lang(preferred):
        return as_lang(preferred), as_lang(preferred)
    weak = None if text.startswith("/") else as_lang(detect_language(text))
    for candidate in (decisive_language(text), as_lang(metadata_lang), as_lang(previous), weak):
        if candidate:
            return candidate, None
    return None, None
