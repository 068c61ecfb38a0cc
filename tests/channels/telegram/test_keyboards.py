"""Inline keyboards and the 64-byte callback_data limit."""

from __future__ import annotations

from bot.channels.messages import Button
from bot.channels.telegram.keyboards import CallbackPayloads, inline_keyboard


def test_short_payloads_are_used_as_is() -> None:
    payloads = CallbackPayloads()
    assert payloads.encode("/greet") == "/greet"
    assert payloads.decode("/greet") == "/greet"


def test_long_payloads_get_a_short_key_that_decodes_back() -> None:
    payloads = CallbackPayloads()
    payload = '/choose_entry{"entry_id": "' + "killing-civilians-" * 5 + '"}'
    key = payloads.encode(payload)
    assert len(key.encode()) <= 64
    assert payloads.decode(key) == payload
    assert payloads.encode("٠" * 40) != "٠" * 40  # 80 bytes in UTF-8


def test_the_mapping_is_bounded_and_old_keys_expire() -> None:
    payloads = CallbackPayloads(max_entries=2)
    keys = [payloads.encode("/" + str(n) * 70) for n in range(3)]
    assert payloads.decode(keys[0]) is None
    assert payloads.decode(keys[2]) == "/" + "2" * 70


def test_keyboard_has_one_button_per_row() -> None:
    markup = inline_keyboard(
        [Button(title="A", payload="/a"), Button(title="B", payload="/b")], CallbackPayloads()
    )
    assert markup is not None
    assert [[b.text for b in row] for row in markup.inline_keyboard] == [["A"], ["B"]]
    assert inline_keyboard([], CallbackPayloads()) is None
