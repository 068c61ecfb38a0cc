"""Splitting under Telegram's 4,096-character limit."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.channels.telegram.split import split_message, utf16_length


def test_short_text_is_one_chunk() -> None:
    assert split_message("hello") == ["hello"]
    assert split_message("") == []


def test_cuts_at_paragraphs_then_words() -> None:
    text = ("a" * 3000) + "\n\n" + ("b" * 3000)
    assert split_message(text) == ["a" * 3000, "b" * 3000]
    words = " ".join(["word"] * 2000)
    assert all(
        utf16_length(chunk) <= 4096 and not chunk.endswith("wor") for chunk in split_message(words)
    )


def test_emoji_count_as_two_units() -> None:
    chunks = split_message("😀" * 3000)
    assert [len(chunk) for chunk in chunks] == [2048, 952]


@given(st.text(min_size=0, max_size=12_000))
def test_chunks_fit_and_keep_every_non_space_character(text: str) -> None:
    chunks = split_message(text, limit=500)
    assert all(0 < utf16_length(chunk) <= 500 for chunk in chunks)
    assert "".join("".join(chunks).split()) == "".join(text.split())
