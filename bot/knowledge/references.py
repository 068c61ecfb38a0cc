"""Typed references of an entry: Qur'an, hadith, document, media — read and checked.

Qur'an references are checked against the real structure of the Qur'an as stored in
the verified source (114 surahs, 6,236 verses), so `2:300` is caught before a reader
ever sees it.
"""

from __future__ import annotations

import difflib
import re
from urllib.parse import urlsplit

from yaml.nodes import Node

from bot.knowledge.model import DocumentRef, HadithRef, MediaRef, QuranRef, Reference
from bot.knowledge.scripture import ScriptureSource
from bot.knowledge.vocabulary import HADITH_COLLECTIONS, HADITH_GRADES
from bot.knowledge.yamlnodes import FileReader, line_of

REFERENCE_KINDS = ("quran", "hadith", "document", "media")
_QURAN_PATTERN = re.compile(r"(\d+)\s*:\s*(\d+)(?:\s*-\s*(\d+))?")


def read_reference(
    reader: FileReader, node: Node, path: str, quran: ScriptureSource
) -> Reference | None:
    """One item of ``references``: a mapping with exactly one kind key."""
    fields = reader.fields(node, path, REFERENCE_KINDS)
    if fields is None:
        return None
    if len(fields) != 1:
        if fields or len(getattr(node, "value", [])) == 0:
            reader.error(
                line_of(node), f"{path} must have exactly one of: {', '.join(REFERENCE_KINDS)}"
            )
        return None
    kind, value = next(iter(fields.items()))
    if kind == "quran":
        return read_quran(reader, value, quran)
    if kind == "hadith":
        return read_hadith(reader, value)
    if kind == "document":
        return read_document(reader, value)
    return read_media(reader, value)


def read_quran(reader: FileReader, node: Node, quran: ScriptureSource) -> QuranRef | None:
    """`5:32` or `2:190-193`, checked against the surah and verse counts."""
    raw = reader.text(node, "quran")
    if raw is None:
        return None
    line = line_of(node)
    match = _QURAN_PATTERN.fullmatch(raw)
    if match is None:
        reader.error(line, f'quran "{raw}" must be written surah:verse, like 5:32 or 2:190-193')
        return None
    surah, start = int(match[1]), int(match[2])
    end = int(match[3]) if match[3] else start
    counts = quran.verse_counts()
    if not 1 <= surah <= len(counts):
        reader.error(
            line, f'quran "{raw}": there is no surah {surah}; the Qur\'an has {len(counts)}'
        )
        return None
    name, count = quran.surah_name(surah, "en"), counts[surah - 1]
    for verse in (start, end):
        if not 1 <= verse <= count:
            reader.error(line, f'quran "{raw}": surah {surah} ({name}) has {count} verses')
            return None
    if end < start:
        reader.error(line, f'quran "{raw}": the range ends ({end}) before it starts ({start})')
        return None
    return QuranRef(surah, start, end)


def read_hadith(reader: FileReader, node: Node) -> HadithRef | None:
    """{collection, number, grade}, each from the validator's lists."""
    fields = reader.fields(
        node, "hadith", ("collection", "number", "grade"), ("collection", "number", "grade")
    )
    if fields is None or len(fields) < 3:
        return None
    collection = reader.text(fields["collection"], "hadith collection")
    number = reader.text(fields["number"], "hadith number")
    grade = reader.text(fields["grade"], "hadith grade")
    if collection is not None and collection not in HADITH_COLLECTIONS:
        message = unknown_value("hadith collection", collection, tuple(HADITH_COLLECTIONS))
        reader.error(line_of(fields["collection"]), message)
        collection = None
    if grade is not None and grade not in HADITH_GRADES:
        reader.error(
            line_of(fields["grade"]), unknown_value("hadith grade", grade, tuple(HADITH_GRADES))
        )
        grade = None
    if collection is None or number is None or grade is None:
        return None
    return HadithRef(collection, number, grade)


def read_document(reader: FileReader, node: Node) -> DocumentRef | None:
    """{title, year, section, url}; section may be left out when the whole text is meant."""
    keys = ("title", "year", "section", "url")
    fields = reader.fields(node, "document", keys, ("title", "year", "url"))
    if fields is None or not {"title", "year", "url"} <= fields.keys():
        return None
    title = reader.text(fields["title"], "document title")
    year = reader.whole_number(fields["year"], "document year")
    section = reader.text(fields["section"], "document section") if "section" in fields else ""
    url = read_url(reader, fields["url"], "document url")
    if title is None or year is None or section is None or url is None:
        return None
    return DocumentRef(title, year, section, url)


def read_media(reader: FileReader, node: Node) -> MediaRef | None:
    """{title, url} of a talk, video or article."""
    fields = reader.fields(node, "media", ("title", "url"), ("title", "url"))
    if fields is None or len(fields) < 2:
        return None
    title = reader.text(fields["title"], "media title")
    url = read_url(reader, fields["url"], "media url")
    return MediaRef(title, url) if title is not None and url is not None else None


def read_url(reader: FileReader, node: Node, path: str) -> str | None:
    """A web address starting with https:// or http://."""
    value = reader.text(node, path)
    if value is None:
        return None
    if not is_web_address(value):
        reader.error(line_of(node), f'{path} "{value}" is not a web address starting with https://')
        return None
    return value


def is_web_address(value: str) -> bool:
    """http(s) scheme, a dotted host, no spaces."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and "." in parts.netloc and " " not in value


def unknown_value(what: str, value: str, allowed: tuple[str, ...]) -> str:
    """`hadith collection "bukari" is not known; did you mean "bukhari"?` or the full list."""
    close = difflib.get_close_matches(value.lower(), allowed, n=1, cutoff=0.6)
    hint = f'did you mean "{close[0]}"?' if close else f"use one of: {', '.join(allowed)}"
    return f'{what} "{value}" is not known; {hint}'
