"""Fixtures for retrieval tests: a five-entry knowledge base and the hashing encoder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.knowledge.model import Entry, EntryStatus, KnowledgeBase
from bot.retrieval.calibration import Calibration, load_calibration
from bot.retrieval.encoders import HashingEncoder

FIXTURES = Path(__file__).parent / "fixtures"

_ENTRIES = {
    "killing-civilians": (
        [
            "Is killing civilians jihad?",
            "Can innocent people be targeted?",
            "killing civilians ok?",
        ],
        ["هل قتل المدنيين جهاد؟", "هل يجوز استهداف الأبرياء؟", "ينفع نقتل المدنيين؟"],
    ),
    "apostasy": (
        [
            "What is the ruling on apostasy?",
            "Must someone who leaves Islam be killed?",
            "apostates?",
        ],
        ["ما حكم الردة؟", "هل يقتل من ترك الإسلام؟", "المرتد يتقتل؟"],
    ),
    "parents-permission": (
        [
            "Do I need my parents' permission?",
            "Can I go without my parents agreeing?",
            "mom said no",
        ],
        ["هل أحتاج إذن والدي؟", "هل أذهب دون موافقة أهلي؟", "أمي رفضت"],
    ),
    "leaving-a-group": (
        ["How do I leave a group safely?", "I want to get out of the group", "quit the group"],
        ["كيف أترك الجماعة بأمان؟", "أريد الخروج من التنظيم", "بدي اطلع من الجماعة"],
    ),
    "mercy-in-islam": (
        ["Is Islam a religion of mercy?", "What does Islam say about mercy?", "mercy in islam"],
        ["هل الإسلام دين رحمة؟", "ماذا يقول الإسلام عن الرحمة؟", "الرحمة في الإسلام"],
    ),
}


def make_entry(entry_id: str, en: list[str], ar: list[str], status: str = "draft") -> Entry:
    """An entry with the given phrasings and a short answer naming its id."""
    return Entry(
        id=entry_id,
        topic="test",
        status=EntryStatus(status),
        reviewers=(),
        questions={"en": tuple(en), "ar": tuple(ar)},
        answer={"en": f"Answer about {entry_id}.", "ar": f"جواب عن {entry_id}."},
        references=(),
        related=(),
        updated=date(2026, 12, 1),
    )


@pytest.fixture
def entries() -> list[Entry]:
    """Five entries with three phrasings per language."""
    return [make_entry(entry_id, en, ar) for entry_id, (en, ar) in _ENTRIES.items()]


@pytest.fixture
def kb(entries: list[Entry]) -> KnowledgeBase:
    """The fixture entries as a knowledge base."""
    return KnowledgeBase(entries=tuple(entries), content_hash="fixture-hash-1")


@pytest.fixture
def encoder() -> HashingEncoder:
    """The instant, deterministic test encoder."""
    return HashingEncoder()


@pytest.fixture
def calibration() -> Calibration:
    """Thresholds for the hashing encoder on the fixture entries."""
    return load_calibration(FIXTURES / "calibration.json", "hashing-256-3")
