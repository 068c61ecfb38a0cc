"""Long replies cut at sentence boundaries so each part fits the channel's limit.

Telegram refuses messages over 4,096 characters. On the web widget we use 1,000:
a bubble longer than about a phone screen is hard to read and to scroll back to,
and the widget shows the parts as consecutive bubbles.
"""

from __future__ import annotations

import re

CHANNEL_LIMITS = {"telegram": 4096, "web": 1000}
DEFAULT_LIMIT = 1000
# After Latin or Arabic sentence punctuation (., !, ?, ؟, ۔, …) followed by a space.
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔…])\s+")


def limit_for(channel: str | None) -> int:
    """The message length limit of a channel (the web's when unknown)."""
    return CHANNEL_LIMITS.get(channel or "", DEFAULT_LIMIT)


def split_message(text: str, limit: int) -> list[str]:
    """Parts of at most ``limit`` characters, cut between paragraphs, then sentences."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    parts: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        for piece in _pieces(paragraph.strip(), limit):
            _append(parts, piece, limit, "\n\n")
    return parts


def _pieces(paragraph: str, limit: int) -> list[str]:
    """A paragraph as pieces under the limit: whole sentences, long ones cut at words."""
    if len(paragraph) <= limit:
        return [paragraph] if paragraph else []
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        for chunk in _cut_words(sentence, limit):
            _append(pieces, chunk, limit, " ")
    return pieces


def _cut_words(sentence: str, limit: int) -> list[str]:
    """A sentence longer than the limit, cut between words (or hard-cut a giant word)."""
    if len(sentence) <= limit:
        return [sentence]
    chunks: list[str] = []
    for word in sentence.split():
        while len(word) > limit:
            chunks.append(word[:limit])
            word = word[limit:]
        _append(chunks, word, limit, " ")
    return chunks


def _append(parts: list[str], piece: str, limit: int, joiner: str) -> None:
    """Add ``piece`` to the last part when it still fits, else start a new part."""
    if parts and len(parts[-1]) + len(joiner) + len(piece) <= limit:
        parts[-1] = parts[-1] + joiner + piece
    elif piece:
        parts.append(piece)
