"""The glossary file: bilingual term groups that search treats as one concept.

``knowledge/glossary.yaml`` is a list of groups, each ``{ar: [...], en: [...]}``.
Dense encoders cross languages only roughly and BM25 not at all; a group lets a
query's "تكفير" also look for "takfir" and "declare a disbeliever". Scholars curate it
like the entries, and every problem names its file and line. A term in two groups
is a warning: every query using it would pull in both concepts.
"""

from __future__ import annotations

import re

from yaml.nodes import Node

from bot.knowledge.model import LANGS, Lang, TermGroup
from bot.knowledge.yamlnodes import FileReader, line_of

TERM_MAX_CHARS = 60
_SCRIPT: dict[Lang, re.Pattern[str]] = {
    "ar": re.compile(r"[\u0621-\u064a]"),
    "en": re.compile(r"[A-Za-z]"),
}
_SCRIPT_NAME: dict[Lang, str] = {"ar": "Arabic", "en": "Latin"}


def read_term_group(
    reader: FileReader, node: Node, path: str, seen: dict[str, str]
) -> TermGroup | None:
    """{ar: [terms], en: [terms]}; ``seen`` maps each term read so far to its group."""
    fields = reader.fields(node, path, LANGS, LANGS)
    if fields is None or len(fields) < len(LANGS):
        return None
    terms: dict[Lang, tuple[str, ...]] = {}
    for lang in LANGS:
        read = [
            _read_term(reader, item, f"{path}.{lang}", lang, seen)
            for item in _items(reader, fields[lang], f"{path}.{lang}")
        ]
        terms[lang] = tuple(term for term in read if term is not None)
    if any(not terms[lang] for lang in LANGS):
        return None
    return TermGroup(terms)


def _items(reader: FileReader, node: Node, path: str) -> list[Node]:
    items = reader.items(node, path)
    if items == []:
        reader.error(line_of(node), f"{path} needs at least one term")
    return items or []


def _read_term(
    reader: FileReader, node: Node, path: str, lang: Lang, seen: dict[str, str]
) -> str | None:
    term = reader.text(node, f"{path} term")
    if term is None:
        return None
    if len(term) > TERM_MAX_CHARS:
        message = f'{path} term "{term[:20]}…" is {len(term)} characters; the limit is '
        reader.error(line_of(node), f"{message}{TERM_MAX_CHARS}")
        return None
    if not _SCRIPT[lang].search(term):
        reader.error(line_of(node), f'{path} term "{term}" has no {_SCRIPT_NAME[lang]} letters')
        return None
    key = " ".join(term.casefold().split())
    if key in seen:
        reader.warn(line_of(node), f'term "{term}" is also in {seen[key]}')
    else:
        seen[key] = path.rsplit(".", 1)[0]
    return term
