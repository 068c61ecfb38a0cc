"""Small, offline stand-ins for the knowledge, the searcher and the Qur'an source."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.dialogue.services import Services
from bot.knowledge.model import (
    Entry,
    EntryStatus,
    HadithRef,
    Helpline,
    Initiative,
    KnowledgeBase,
    QuranRef,
)
from bot.knowledge.scripture import Verse
from bot.retrieval.knowledge_search import Candidate, Decision
from bot.settings import Settings


class FakeQuran:
    """Every verse reads "verse N" (Arabic: "آية N")."""

    def verse_counts(self) -> tuple[int, ...]:
        return (7, 286, 200, 176, 120)

    def surah_name(self, surah: int, lang: str) -> str:
        return "المائدة" if lang == "ar" else "Al-Ma'idah"

    def verses(self, ref: QuranRef, lang: str) -> list[Verse]:
        word = "آية" if lang == "ar" else "verse"
        return [Verse(ref.surah, n, f"{word} {n}") for n in range(ref.ayah_start, ref.ayah_end + 1)]

    def attribution(self, lang: str) -> str:
        return "Test translation"


def make_entry(entry_id: str, related: tuple[str, ...] = (), status: str = "draft") -> Entry:
    """An entry whose answers name it, with one Qur'an and one hadith reference."""
    return Entry(
        id=entry_id,
        topic="test",
        status=EntryStatus(status),
        reviewers=(),
        questions={"en": (f"What about {entry_id}?",), "ar": (f"ما حكم {entry_id}؟",)},
        answer={"en": f"English answer on {entry_id}.", "ar": f"إجابة عربية عن {entry_id}."},
        references=(QuranRef(5, 32, 32), HadithRef("bukhari", "3015", "sahih")),
        related=related,
        updated=date(2026, 12, 6),
    )


def make_knowledge() -> KnowledgeBase:
    """Three entries, one helpline per scope, one initiative per scope."""
    return KnowledgeBase(
        entries=(
            make_entry("takfir", related=("apostasy", "retired-one")),
            make_entry("apostasy", related=("takfir",)),
            make_entry("retired-one", status="retired"),
        ),
        helplines=(
            Helpline("EG", {"en": "Egypt line", "ar": "خط مصر"}, "+20 1", "", ("ar",), "24/7"),
            Helpline("*", {"en": "World line", "ar": "خط دولي"}, "", "https://w.example", ("en",), ""),
        ),
        initiatives=(
            Initiative("jo-1", "JO", {"en": "Jordan youth", "ar": "شباب الأردن"}, "youth_programme",
                       ("ar",), {"phone": "+962 1"}),
            Initiative("int-1", "*", {"en": "Global help", "ar": "مساعدة دولية"}, "counselling",
                       ("en",), {"url": "https://g.example"}),
        ),
    )  # fmt: skip


@dataclass
class FakeSearcher:
    """Returns the scripted decision and remembers what it was asked."""

    decision: Decision = field(
        default_factory=lambda: Decision("answer", [Candidate("takfir", 0.9)], "en")
    )
    asked: list[tuple[str, bool]] = field(default_factory=list)
    reloads: int = 0

    def decide(self, text: str, strict: bool = False) -> Decision:
        self.asked.append((text, strict))
        return self.decision

    def reload_if_changed(self) -> bool:
        self.reloads += 1
        return False


def make_services(settings: Settings, searcher: FakeSearcher | None = None) -> Services:
    """Services over the fake knowledge; the knowledge stamp matches so nothing reloads."""
    from bot.dialogue.services import knowledge_stamp

    return Services(
        settings, make_knowledge(), searcher or FakeSearcher(), FakeQuran(),
        knowledge_stamp(settings.knowledge_dir),
    )  # fmt: skip
