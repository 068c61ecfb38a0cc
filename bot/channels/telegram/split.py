"""Splitting long answers under Telegram's 4,096-character message limit."""

from __future__ import annotations

TELEGRAM_MAX_CHARS = 4096
_SEPARATORS = ("\n\n", "\n", ". ", " ")


def utf16_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units), never below the character count."""
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = TELEGRAM_MAX_CHARS) -> list[str]:
    """Chunks of at most ``limit`` UTF-16 units, cut at paragraph, line, sentence or word ends."""
    chunks: list[str] = []
    rest = text.strip()
    while utf16_length(rest) > limit:
        head = _longest_prefix(rest, limit)
        cut = max((head.rfind(sep) + len(sep) for sep in _SEPARATORS if sep in head[1:]), default=0)
        if cut <= len(head) // 4:  # no good boundary: cut hard rather than send slivers
            cut = len(head)
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        chunks.append(rest)
    return chunks


def _longest_prefix(text: str, limit: int) -> str:
    """The longest prefix of ``text`` within ``limit`` UTF-16 units (surrogates kept whole)."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return text[:index]
    return text
