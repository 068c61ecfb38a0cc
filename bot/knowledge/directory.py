"""The supporting files: counter-messages, initiatives and crisis helplines.

Each is a YAML list of records, validated like entries (file and line for every
problem). Whether a counter-message's entry exists is checked in the loader.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from yaml.nodes import Node

from bot.knowledge.model import LANGS, CounterMessage, Helpline, Initiative, Lang
from bot.knowledge.references import read_url, unknown_value
from bot.knowledge.vocabulary import (
    COUNTER_MESSAGE_MAX_CHARS,
    COUNTRY_CODES,
    INITIATIVE_KINDS,
    INTERNATIONAL,
)
from bot.knowledge.yamlnodes import FileReader, line_of

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{1,20}")


def read_records(reader: FileReader, root: Node, what: str) -> list[tuple[str, Node]]:
    """(path, node) for each item of the file's top-level list."""
    items = reader.items(root, f"the {what} file")
    return [(f"{what} #{number}", item) for number, item in enumerate(items or [], start=1)]


def read_counter_message(
    reader: FileReader, node: Node, path: str, entry_ids: Collection[str] = ()
) -> CounterMessage | None:
    """{id, entry, text: {ar, en}}: linked to a known entry, short enough for a broadcast."""
    fields = reader.fields(node, path, ("id", "entry", "text"), ("id", "entry", "text"))
    if fields is None or len(fields) < 3:
        return None
    message_id = reader.text(fields["id"], f"{path} id")
    entry = reader.text(fields["entry"], f"{path} entry")
    text = read_bilingual(reader, fields["text"], f"{path} text", COUNTER_MESSAGE_MAX_CHARS)
    if entry is not None and entry not in entry_ids:
        reader.error(line_of(fields["entry"]), f'{path} links to unknown entry "{entry}"')
        entry = None
    if message_id is None or entry is None or text is None:
        return None
    return CounterMessage(message_id, entry, text)


def read_initiative(reader: FileReader, node: Node, path: str) -> Initiative | None:
    """{id, country, name: {ar, en}, kind, languages, contact: {phone|url|email}}."""
    keys = ("id", "country", "name", "kind", "languages", "contact")
    fields = reader.fields(node, path, keys, keys)
    if fields is None or len(fields) < len(keys):
        return None
    values = (
        reader.text(fields["id"], f"{path} id"),
        read_country(reader, fields["country"], path),
        read_bilingual(reader, fields["name"], f"{path} name"),
        read_kind(reader, fields["kind"], path),
        read_languages(reader, fields["languages"], path),
        read_contact(reader, fields["contact"], path),
    )
    if any(value is None for value in values):
        return None
    return Initiative(*values)  # type: ignore[arg-type]


def read_helpline(reader: FileReader, node: Node, path: str) -> Helpline | None:
    """{country, name: {ar, en}, phone, url, languages, hours}; phone or url at least."""
    keys = ("country", "name", "phone", "url", "languages", "hours")
    fields = reader.fields(node, path, keys, ("country", "name", "languages"))
    if fields is None:
        return None
    if "phone" not in fields and "url" not in fields:
        reader.error(line_of(node), f"{path} needs a phone or a url")
    values = (
        read_country(reader, fields["country"], path) if "country" in fields else None,
        read_bilingual(reader, fields["name"], f"{path} name") if "name" in fields else None,
        read_phone(reader, fields["phone"], f"{path} phone") if "phone" in fields else "",
        read_url(reader, fields["url"], f"{path} url") if "url" in fields else "",
        read_languages(reader, fields["languages"], path) if "languages" in fields else None,
        reader.text(fields["hours"], f"{path} hours") if "hours" in fields else "",
    )
    if None in values or not (values[2] or values[3]):
        return None
    return Helpline(*values)  # type: ignore[arg-type]


def read_bilingual(
    reader: FileReader, node: Node, path: str, limit: int | None = None
) -> dict[Lang, str] | None:
    """{ar, en} text, both present, each within ``limit`` characters when one is given."""
    fields = reader.fields(node, path, LANGS)
    if fields is None:
        return None
    texts: dict[Lang, str] = {}
    for lang in LANGS:
        if lang not in fields:
            reader.error(line_of(node), f"{path}.{lang} is missing")
            continue
        text = reader.text(fields[lang], f"{path}.{lang}")
        if text is not None and limit is not None and len(text) > limit:
            reader.error(
                line_of(fields[lang]),
                f"{path}.{lang} is {len(text):,} characters; the limit is {limit:,}",
            )
        elif text is not None:
            texts[lang] = text
    return texts if len(texts) == len(LANGS) else None


def read_country(reader: FileReader, node: Node, path: str) -> str | None:
    """ISO 3166-1 alpha-2 in upper case (GB, not UK), or "*" for international."""
    value = reader.text(node, f"{path} country")
    if value is None or value == INTERNATIONAL or value in COUNTRY_CODES:
        return value
    hint = ' (the United Kingdom is "GB")' if value.upper() == "UK" else ""
    reader.error(
        line_of(node),
        f'{path} country "{value}" is not an upper-case ISO 3166 two-letter code or "*"{hint}',
    )
    return None


def read_kind(reader: FileReader, node: Node, path: str) -> str | None:
    """One of the initiative kinds the directory groups by."""
    value = reader.text(node, f"{path} kind")
    if value is not None and value not in INITIATIVE_KINDS:
        reader.error(line_of(node), unknown_value(f"{path} kind", value, INITIATIVE_KINDS))
        return None
    return value


def read_languages(reader: FileReader, node: Node, path: str) -> tuple[str, ...] | None:
    """Two-letter language codes (ar, en, fr, ...) the service works in."""
    items = reader.items(node, f"{path} languages")
    if items is None:
        return None
    codes = []
    for item in items:
        code = reader.text(item, f"{path} languages")
        if code is not None and not re.fullmatch(r"[a-z]{2}", code):
            reader.error(
                line_of(item), f'{path} language "{code}" must be a two-letter code like ar'
            )
        elif code is not None:
            codes.append(code)
    if not items:
        reader.error(line_of(node), f"{path} languages is empty")
    return tuple(codes)


def read_contact(reader: FileReader, node: Node, path: str) -> dict[str, str] | None:
    """At least one of phone, url, email, each in a recognisable form."""
    fields = reader.fields(node, f"{path} contact", ("phone", "url", "email"))
    if fields is None:
        return None
    if not fields:
        reader.error(line_of(node), f"{path} contact needs a phone, url or email")
        return None
    contact: dict[str, str] = {}
    for key, value_node in fields.items():
        label = f"{path} contact {key}"
        if key == "url":
            value = read_url(reader, value_node, label)
        elif key == "phone":
            value = read_phone(reader, value_node, label)
        else:
            value = reader.text(value_node, label)
            if value is not None and not _EMAIL.fullmatch(value):
                reader.error(line_of(value_node), f'{label} "{value}" is not an email address')
                value = None
        if value is not None:
            contact[key] = value
    return contact if len(contact) == len(fields) else None


def read_phone(reader: FileReader, node: Node, path: str) -> str | None:
    """Digits, spaces, brackets, hyphens and a leading + (e.g. "116 123", "+44 800 011 3764")."""
    value = reader.text(node, path)
    if value is not None and not _PHONE.fullmatch(value):
        reader.error(line_of(node), f'{path} "{value}" is not a phone number')
        return None
    return value
