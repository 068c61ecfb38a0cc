"""Typed records of the curated knowledge: entries, references, counter-messages, directory.

Pure data, no I/O: the loader (``bot.knowledge.loader``) builds these from the files
under ``knowledge/`` and every other package reads them. Foundations only: this module
imports nothing of ours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Literal

Lang = Literal["ar", "en"]
LANGS: tuple[Lang, ...] = ("ar", "en")


class EntryStatus(StrEnum):
    """Review state of an entry; only APPROVED is served in production."""

    DRAFT = "draft"
    APPROVED = "approved"
    RETIRED = "retired"


@dataclass(frozen=True)
class Reviewer:
    """A named scholar's approval and its date."""

    name: str
    date: date


@dataclass(frozen=True)
class QuranRef:
    """A Qur'an citation: one verse or an inclusive range within one surah."""

    surah: int
    ayah_start: int
    ayah_end: int

    def label(self) -> str:
        """`5:32` or `2:190-193`."""
        if self.ayah_start == self.ayah_end:
            return f"{self.surah}:{self.ayah_start}"
        return f"{self.surah}:{self.ayah_start}-{self.ayah_end}"


@dataclass(frozen=True)
class HadithRef:
    """A hadith citation by collection, number and grading."""

    collection: str
    number: str
    grade: str


@dataclass(frozen=True)
class DocumentRef:
    """A documented scholarly declaration (Amman Message, Open Letter, ...)."""

    title: str
    year: int
    section: str
    url: str


@dataclass(frozen=True)
class MediaRef:
    """A talk, video or article worth watching or reading."""

    title: str
    url: str


Reference = QuranRef | HadithRef | DocumentRef | MediaRef


@dataclass(frozen=True)
class Entry:
    """One curated answer to one question a young person actually asks."""

    id: str
    topic: str
    status: EntryStatus
    reviewers: tuple[Reviewer, ...]
    questions: dict[Lang, tuple[str, ...]]
    answer: dict[Lang, str]
    references: tuple[Reference, ...]
    related: tuple[str, ...]
    updated: date
    source_file: str = ""
    # line of each field in source_file ("status", "questions", "related.<id>", ...), for messages
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_draft(self) -> bool:
        """True until a scholar has approved the entry."""
        return self.status is EntryStatus.DRAFT


@dataclass(frozen=True)
class CounterMessage:
    """A short opt-in broadcast message, linked to the entry that expands on it."""

    id: str
    entry: str
    text: dict[Lang, str]


@dataclass(frozen=True)
class Initiative:
    """A programme or service young people can be referred to."""

    id: str
    country: str  # ISO 3166-1 alpha-2, or "*" for international
    name: dict[Lang, str]
    # "resource": an information or counter-messaging centre rather than a direct service
    kind: Literal["counselling", "youth_programme", "exit_rehabilitation", "helpline", "resource"]
    languages: tuple[str, ...]
    contact: dict[str, str]  # phone / url / email


@dataclass(frozen=True)
class Helpline:
    """A crisis helpline shown in the fixed crisis response."""

    country: str  # ISO 3166-1 alpha-2, or "*" for international
    name: dict[Lang, str]
    phone: str
    url: str
    languages: tuple[str, ...]
    hours: str


@dataclass(frozen=True)
class TermGroup:
    """Words for one concept in both languages, which search treats as one
    (``knowledge/glossary.yaml``): "تكفير" also looks for "takfir"."""

    terms: dict[Lang, tuple[str, ...]]

    def all_terms(self) -> tuple[str, ...]:
        """Every term of the group, Arabic first."""
        return tuple(term for lang in LANGS for term in self.terms.get(lang, ()))


@dataclass(frozen=True)
class OutOfScopeTopic:
    """Example questions of a topic the bot does not answer (``knowledge/out_of_scope.yaml``)."""

    id: str
    questions: dict[Lang, tuple[str, ...]]


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything under knowledge/, loaded and validated."""

    entries: tuple[Entry, ...]
    counter_messages: tuple[CounterMessage, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    helplines: tuple[Helpline, ...] = ()
    content_hash: str = ""
    glossary: tuple[TermGroup, ...] = ()
    out_of_scope: tuple[OutOfScopeTopic, ...] = ()
    by_id: dict[str, Entry] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.by_id:
            self.by_id.update({entry.id: entry for entry in self.entries})

    def servable(self, include_drafts: bool) -> tuple[Entry, ...]:
        """Entries the bot may serve: approved ones, plus drafts in the demo profile."""
        allowed = {EntryStatus.APPROVED} | ({EntryStatus.DRAFT} if include_drafts else set())
        return tuple(entry for entry in self.entries if entry.status in allowed)
