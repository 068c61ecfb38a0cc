"""One entry file (knowledge/entries/<id>.yaml) read into an ``Entry``, with its problems.

Checks everything that can be seen in the file alone; checks across files (duplicate
ids, unknown related ids) live in ``bot.knowledge.loader``.
"""

from __future__ import annotations

import re
from datetime import date

from yaml.nodes import MappingNode, Node, SequenceNode

from bot.knowledge.model import LANGS, Entry, EntryStatus, Lang, Reference, Reviewer
from bot.knowledge.references import read_reference, unknown_value
from bot.knowledge.scripture import ScriptureSource
from bot.knowledge.vocabulary import ANSWER_MAX_CHARS, MIN_PHRASINGS_PER_LANG
from bot.knowledge.yamlnodes import FileReader, line_of

ENTRY_FIELDS = (
    "id",
    "topic",
    "status",
    "reviewers",
    "updated",
    "questions",
    "answer",
    "references",
    "related",
)
REQUIRED_FIELDS = ("id", "topic", "status", "updated", "questions", "answer")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def read_entry(
    reader: FileReader, root: Node, file_id: str, quran: ScriptureSource
) -> Entry | None:
    """The entry in ``root``, or None when an error makes it unusable."""
    fields = reader.fields(root, "", ENTRY_FIELDS, REQUIRED_FIELDS)
    if fields is None:
        return None
    before = len(reader.problems)
    values = {
        "id": read_slug(reader, fields, "id"),
        "topic": read_slug(reader, fields, "topic"),
        "status": read_status(reader, fields),
        "reviewers": read_reviewers(reader, fields),
        "updated": read_updated(reader, fields),
        "questions": read_questions(reader, fields),
        "answer": read_answer(reader, fields),
        "references": read_references(reader, fields, quran),
        "related": read_related(reader, fields),
    }
    usable = None not in values.values() and not reader.has_errors_since(before)
    if values["id"] is not None and values["id"] != file_id:
        # an error, but the entry is still returned so a duplicate id is reported too
        reader.error(
            line_of(fields["id"]),
            f'id "{values["id"]}" does not match the file name "{file_id}.yaml"; make them the same',
        )
    if not usable:
        return None
    entry = Entry(**values, source_file=reader.display, lines=field_lines(root))  # type: ignore[arg-type]
    if entry.status is EntryStatus.APPROVED and not entry.reviewers:
        reader.error(
            entry.lines.get("reviewers", entry.lines["status"]),
            "status is approved but reviewers is empty; add each approving scholar's name and date",
        )
    return entry


def field_lines(root: Node) -> dict[str, int]:
    """Line of each field's key, and of each related id as "related.<id>"."""
    lines: dict[str, int] = {}
    for key_node, value_node in root.value if isinstance(root, MappingNode) else []:
        lines.setdefault(str(key_node.value), line_of(key_node))
        if key_node.value == "related" and isinstance(value_node, SequenceNode):
            lines.update({f"related.{item.value}": line_of(item) for item in value_node.value})
    return lines


def read_updated(reader: FileReader, fields: dict[str, Node]) -> date | None:
    """When the entry last changed."""
    return reader.calendar_date(fields["updated"], "updated") if "updated" in fields else None


def read_slug(reader: FileReader, fields: dict[str, Node], key: str) -> str | None:
    """A stable slug: lower-case letters, digits and single hyphens."""
    if key not in fields:
        return None
    value = reader.text(fields[key], key)
    if value is not None and not SLUG.fullmatch(value):
        reader.error(
            line_of(fields[key]), f'{key} "{value}" may use only a-z, 0-9 and single hyphens'
        )
        return None
    return value


def read_status(reader: FileReader, fields: dict[str, Node]) -> EntryStatus | None:
    """draft, approved or retired."""
    if "status" not in fields:
        return None
    value = reader.text(fields["status"], "status")
    if value is None:
        return None
    try:
        return EntryStatus(value)
    except ValueError:
        allowed = tuple(status.value for status in EntryStatus)
        reader.error(line_of(fields["status"]), unknown_value("status", value, allowed))
        return None


def read_reviewers(reader: FileReader, fields: dict[str, Node]) -> tuple[Reviewer, ...] | None:
    """Each approval: {name, date}."""
    items = reader.items(fields["reviewers"], "reviewers") if "reviewers" in fields else []
    if items is None:
        return None
    reviewers = []
    for number, item in enumerate(items, start=1):
        path = f"reviewers #{number}"
        found = reader.fields(item, path, ("name", "date"), ("name", "date"))
        if found is None or len(found) < 2:
            continue
        name = reader.text(found["name"], f"{path} name")
        when = reader.calendar_date(found["date"], f"{path} date")
        if name is not None and when is not None:
            reviewers.append(Reviewer(name, when))
    return tuple(reviewers)


def read_by_language(
    reader: FileReader, fields: dict[str, Node], key: str
) -> dict[str, Node] | None:
    """The `ar` and `en` children of ``key``; a missing language is an error."""
    if key not in fields:
        return None
    found = reader.fields(fields[key], key, LANGS)
    if found is None:
        return None
    for lang in LANGS:
        if lang not in found:
            reader.error(line_of(fields[key]), f"{key}.{lang} is missing")
    return found if len(found) == len(LANGS) else None


def read_questions(
    reader: FileReader, fields: dict[str, Node]
) -> dict[Lang, tuple[str, ...]] | None:
    """At least three phrasings per language."""
    by_lang = read_by_language(reader, fields, "questions")
    if by_lang is None:
        return None
    questions: dict[Lang, tuple[str, ...]] = {}
    for lang in LANGS:
        path = f"questions.{lang}"
        items = reader.items(by_lang[lang], path)
        if items is None:
            return None
        texts = [reader.text(item, path) for item in items]
        phrasings = tuple(text for text in texts if text is not None)
        if len(phrasings) < MIN_PHRASINGS_PER_LANG:
            reader.error(
                line_of(by_lang[lang]),
                f"{path} has {len(phrasings)} phrasing(s); at least {MIN_PHRASINGS_PER_LANG} are needed",
            )
        questions[lang] = phrasings
    return questions


def read_answer(reader: FileReader, fields: dict[str, Node]) -> dict[Lang, str] | None:
    """One answer per language, each within the Telegram-sized limit."""
    by_lang = read_by_language(reader, fields, "answer")
    if by_lang is None:
        return None
    answer: dict[Lang, str] = {}
    for lang in LANGS:
        text = reader.text(by_lang[lang], f"answer.{lang}")
        if text is None:
            return None
        if len(text) > ANSWER_MAX_CHARS:
            reader.error(
                line_of(by_lang[lang]),
                f"answer.{lang} is {len(text):,} characters; the limit is {ANSWER_MAX_CHARS:,}",
            )
        answer[lang] = text
    return answer


def read_references(
    reader: FileReader, fields: dict[str, Node], quran: ScriptureSource
) -> tuple[Reference, ...] | None:
    """Typed references; an empty list is allowed (an answer can stand on its own)."""
    items = reader.items(fields["references"], "references") if "references" in fields else []
    if items is None:
        return None
    references = [
        read_reference(reader, item, f"references #{number}", quran)
        for number, item in enumerate(items, start=1)
    ]
    return tuple(reference for reference in references if reference is not None)


def read_related(reader: FileReader, fields: dict[str, Node]) -> tuple[str, ...] | None:
    """Ids of other entries; whether they exist is checked across files."""
    items = reader.items(fields["related"], "related") if "related" in fields else []
    if items is None:
        return None
    texts = (reader.text(item, "related") for item in items)
    return tuple(text for text in texts if text is not None)
