"""Which language a message is written in, decided by the letters it uses.

The answer language follows the user, whatever language the matched phrasing was
in, so this runs on every message. Script counting is enough for Arabic vs English
and never fails on a two-word dialect message the way statistical detectors do.
"""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["ar", "en", "mixed"]
AnswerLanguage = Literal["ar", "en"]

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# A message is one language when at least this share of its letters is in that
# script; a stray English brand name inside an Arabic sentence stays Arabic.
DOMINANT_SHARE = 0.8


def script_counts(text: str) -> tuple[int, int]:
    """Number of Arabic-script and Latin-script letters in the text."""
    return len(_ARABIC.findall(text)), len(_LATIN.findall(text))


def detect_language(text: str) -> Language:
    """ "ar" or "en" when one script dominates, "mixed" otherwise (or with no letters)."""
    arabic, latin = script_counts(text)
    total = arabic + latin
    if total == 0:
        return "mixed"
    if arabic / total >= DOMINANT_SHARE:
        return "ar"
    if latin / total >= DOMINANT_SHARE:
        return "en"
    return "mixed"


def answer_language(text: str, fallback: AnswerLanguage = "en") -> AnswerLanguage:
    """The language to answer in: the message's majority script, else the fallback."""
    arabic, latin = script_counts(text)
    if arabic > latin:
        return "ar"
    if latin > arabic:
        return "en"
    return fallback
