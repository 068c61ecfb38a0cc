"""Load everything under knowledge/ into a ``KnowledgeBase``, or say exactly what is wrong.

``read_knowledge`` returns the knowledge it could read plus every problem (used by the
validator); ``load_knowledge`` is what the bot calls: it refuses knowledge with errors,
so a broken file can never be served half-read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

from yaml.nodes import Node

from bot.knowledge.directory import (
    read_counter_message,
    read_helpline,
    read_initiative,
    read_records,
)
from bot.knowledge.entries import read_entry
from bot.knowledge.errors import KnowledgeError, Problem, errors_only
from bot.knowledge.glossary import read_term_group
from bot.knowledge.model import (
    CounterMessage,
    Entry,
    Helpline,
    Initiative,
    KnowledgeBase,
    OutOfScopeTopic,
    TermGroup,
)
from bot.knowledge.out_of_scope import read_out_of_scope_topic
from bot.knowledge.scripture import QuranSource, ScriptureSource
from bot.knowledge.yamlnodes import FileReader, line_of, scalar_field

ENTRIES_DIR = "entries"
COUNTER_MESSAGES_FILE = "counter_messages.yaml"
INITIATIVES_FILE = "initiatives.yaml"
HELPLINES_FILE = "helplines.yaml"
GLOSSARY_FILE = "glossary.yaml"
OUT_OF_SCOPE_FILE = "out_of_scope.yaml"
SUPPORTING_FILES = (
    COUNTER_MESSAGES_FILE,
    INITIATIVES_FILE,
    HELPLINES_FILE,
    GLOSSARY_FILE,
    OUT_OF_SCOPE_FILE,
)


def load_knowledge(directory: Path, quran: ScriptureSource | None = None) -> KnowledgeBase:
    """The knowledge base; KnowledgeError listing every error if there is any."""
    knowledge, problems = read_knowledge(directory, quran)
    errors = errors_only(problems)
    if errors:
        raise KnowledgeError(errors)
    return knowledge


def read_knowledge(
    directory: Path, quran: ScriptureSource | None = None
) -> tuple[KnowledgeBase, list[Problem]]:
    """Everything readable under ``directory`` and every problem found, errors and warnings."""
    directory, quran = Path(directory), quran or QuranSource()
    problems: list[Problem] = []
    if not directory.is_dir():
        problems.append(Problem(display_path(directory, directory), 0, "no such folder"))
        return KnowledgeBase(entries=()), problems
    files = knowledge_files(directory, problems)
    entry_files = [path for path in files if path.parent.name == ENTRIES_DIR]
    read = (read_entry_file(directory, path, quran, problems) for path in entry_files)
    entries = [entry for entry in read if entry is not None]
    # an entry whose file has errors still counts as existing, so links to it are not flagged too
    known_ids = {entry.id for entry in entries} | {path.stem for path in entry_files}
    messages, initiatives, helplines = read_supporting_files(directory, known_ids, problems)
    knowledge = KnowledgeBase(
        tuple(entries),
        messages,
        initiatives,
        helplines,
        content_hash(directory, files),
        glossary=read_glossary(directory, problems),
        out_of_scope=read_out_of_scope(directory, problems),
    )
    problems.extend(cross_file_problems(knowledge, known_ids))
    return knowledge, sorted(problems, key=lambda p: (p.file, p.line, p.severity, p.message))


def read_supporting_files(
    directory: Path, entry_ids: set[str], problems: list[Problem]
) -> tuple[tuple[CounterMessage, ...], tuple[Initiative, ...], tuple[Helpline, ...]]:
    """Counter-messages (each linked to one of ``entry_ids``), initiatives and helplines."""
    read_message = partial(read_counter_message, entry_ids=entry_ids)
    return (
        read_list_file(directory, COUNTER_MESSAGES_FILE, "counter-message", read_message, problems),
        read_list_file(directory, INITIATIVES_FILE, "initiative", read_initiative, problems),
        read_list_file(directory, HELPLINES_FILE, "helpline", read_helpline, problems),
    )


def read_glossary(directory: Path, problems: list[Problem]) -> tuple[TermGroup, ...]:
    """The bilingual term groups search expands queries with; none when the file is absent."""
    read_group = partial(read_term_group, seen={})
    return read_list_file(directory, GLOSSARY_FILE, "term group", read_group, problems)


def read_out_of_scope(directory: Path, problems: list[Problem]) -> tuple[OutOfScopeTopic, ...]:
    """Example questions of topics the bot abstains on; none when the file is absent."""
    topic = "out-of-scope topic"
    return read_list_file(directory, OUT_OF_SCOPE_FILE, topic, read_out_of_scope_topic, problems)


def count_entry_files(directory: Path) -> int:
    """How many entry files ``directory`` holds, readable or not."""
    return len(list((Path(directory) / ENTRIES_DIR).glob("*.yaml")))


def display_path(directory: Path, path: Path) -> str:
    """``knowledge/entries/foo.yaml``: relative to the knowledge folder's parent."""
    base = directory.resolve().parent
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def knowledge_files(directory: Path, problems: list[Problem]) -> list[Path]:
    """The files the loader reads, sorted; stray entry files are pointed out."""
    entries_dir = directory / ENTRIES_DIR
    if not entries_dir.is_dir():
        problems.append(Problem(display_path(directory, entries_dir), 0, "no such folder"))
        entry_files: list[Path] = []
    else:
        entry_files = sorted(entries_dir.glob("*.yaml"))
        for stray in sorted(entries_dir.glob("*.yml")):
            problems.append(
                Problem(
                    display_path(directory, stray),
                    0,
                    'ignored: entry files must end in ".yaml"',
                    "warning",
                )
            )
    supporting = [directory / name for name in SUPPORTING_FILES if (directory / name).is_file()]
    return sorted(entry_files + supporting, key=lambda path: path.relative_to(directory).as_posix())


def content_hash(directory: Path, files: list[Path]) -> str:
    """sha256 over each file's relative path and bytes, in path order: changes when any does."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(directory).as_posix()):
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0")
        data = path.read_bytes()
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def read_entry_file(
    directory: Path, path: Path, quran: ScriptureSource, problems: list[Problem]
) -> Entry | None:
    """One entry file; its problems are appended to ``problems``."""
    reader = FileReader(display_path(directory, path))
    root = reader.compose(path)
    entry = read_entry(reader, root, path.stem, quran) if root is not None else None
    problems.extend(reader.problems)
    return entry


def read_list_file[T](
    directory: Path,
    name: str,
    what: str,
    read_item: Callable[[FileReader, Node, str], T | None],
    problems: list[Problem],
) -> tuple[T, ...]:
    """A supporting file's records; a missing file is an empty list."""
    path = directory / name
    if not path.is_file():
        return ()
    reader = FileReader(display_path(directory, path))
    root = reader.compose(path)
    records = [] if root is None else read_records(reader, root, what)
    items = [read_item(reader, node, item_path) for item_path, node in records]
    seen: dict[str, int] = {}
    for _, node in records:
        item_id = scalar_field(node, "id")
        if item_id is not None and item_id in seen:
            message = f'duplicate {what} id "{item_id}" (first on line {seen[item_id]})'
            reader.error(line_of(node), message)
        elif item_id is not None:
            seen[item_id] = line_of(node)
    problems.extend(reader.problems)
    return tuple(item for item in items if item is not None)


def cross_file_problems(knowledge: KnowledgeBase, known_ids: set[str]) -> list[Problem]:
    """Duplicate entry ids and related ids that point nowhere."""
    problems: list[Problem] = []
    first_file: dict[str, str] = {}
    for entry in knowledge.entries:
        if entry.id in first_file:
            problems.append(
                Problem(
                    entry.source_file,
                    entry.lines.get("id", 0),
                    f'duplicate id "{entry.id}" (also in {first_file[entry.id]})',
                )
            )
        else:
            first_file[entry.id] = entry.source_file
        for related in entry.related:
            if related not in known_ids:
                line = entry.lines.get(f"related.{related}", entry.lines.get("related", 0))
                problems.append(
                    Problem(entry.source_file, line, f'related id "{related}" is not an entry')
                )
    return problems
