"""Verified Qur'an text, quoted by reference so nobody types scripture by hand.

``ScriptureSource`` is the small interface the rest of Hiwar uses; ``QuranSource`` is
the implementation over the SQLite database shipped in the PyPI package
``pyislamsdk-quran`` (checked against known verses in tests/knowledge/test_scripture.py:
114 surahs, 6,236 verses; Arabic in Uthmani script, English by Saheeh International).
Swap the source by passing another object with the same methods.
"""

from __future__ import annotations

import importlib.util
import sqlite3
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol

from bot.knowledge.errors import ScriptureError
from bot.knowledge.model import Lang, QuranRef

SURAH_COUNT = 114
VERSE_TOTAL = 6_236

_ATTRIBUTION = {
    "en": "English translation of the Qur'an: Saheeh International.",
    "ar": "نص القرآن الكريم بالرسم العثماني، رواية حفص عن عاصم.",
}


@dataclass(frozen=True)
class Verse:
    """One verse of the Qur'an in one language."""

    surah: int
    ayah: int
    text: str


class ScriptureSource(Protocol):
    """What Hiwar needs from a Qur'an text: structure, verses and attribution."""

    def verse_counts(self) -> tuple[int, ...]:
        """Number of verses of each surah, surah 1 first."""
        ...

    def surah_name(self, surah: int, lang: Lang) -> str:
        """The surah's name, e.g. "Al-Baqarah" / "البقرة"."""
        ...

    def verses(self, ref: QuranRef, lang: Lang) -> list[Verse]:
        """The verses of ``ref`` in ``lang`` ("ar" Arabic text, "en" translation)."""
        ...

    def attribution(self, lang: Lang) -> str:
        """The line shown wherever this source's text is quoted."""
        ...


def packaged_database() -> Path:
    """The quran.db shipped inside the pyislamsdk-quran package (not imported: it has bugs)."""
    spec = importlib.util.find_spec("pyislamsdk_quran")
    if spec is None or not spec.submodule_search_locations:
        raise ScriptureError("the pyislamsdk-quran package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dbs" / "quran.db"


class QuranSource:
    """Read-only access to the pyislamsdk-quran SQLite database, opened on first use."""

    def __init__(self, database: Path | None = None) -> None:
        self._database = database
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        with self._lock:
            if self._connection is None:
                path = self._database or packaged_database()
                if not path.is_file():
                    raise ScriptureError(f"Qur'an database not found at {path}")
                self._connection = sqlite3.connect(
                    f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
                )
            return self._connection

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple]:
        connection = self._connect()
        with self._lock:
            return connection.execute(sql, params).fetchall()

    @cached_property
    def _surahs(self) -> dict[int, tuple[str, str, int]]:
        rows = self._query(
            "SELECT s.number, s.name_transliteration, s.name_ar, COUNT(v.number) "
            "FROM surahs s LEFT JOIN verses v ON v.surah_number = s.number "
            "GROUP BY s.number ORDER BY s.number"
        )
        return {number: (name_en, name_ar, count) for number, name_en, name_ar, count in rows}

    def verse_counts(self) -> tuple[int, ...]:
        """Verses per surah as actually stored (not the table's declared counts)."""
        return tuple(self._surahs[number][2] for number in sorted(self._surahs))

    def surah_name(self, surah: int, lang: Lang) -> str:
        """Transliterated name in English ("Al-Ma'idah"), Arabic name otherwise."""
        name_en, name_ar, _ = self._surahs[surah]
        return name_ar if lang == "ar" else name_en

    def verses(self, ref: QuranRef, lang: Lang) -> list[Verse]:
        """The verses of ``ref``; ScriptureError if the source lacks any of them."""
        column = "text_ar" if lang == "ar" else "text_en"
        rows = self._query(
            f"SELECT number, {column} FROM verses "
            "WHERE surah_number = ? AND number BETWEEN ? AND ? ORDER BY number",
            (ref.surah, ref.ayah_start, ref.ayah_end),
        )
        if len(rows) != ref.ayah_end - ref.ayah_start + 1:
            raise ScriptureError(f"Qur'an {ref.label()} is not in the verified source")
        return [Verse(ref.surah, number, text.strip()) for number, text in rows]

    def attribution(self, lang: Lang) -> str:
        """Names the Arabic text edition or the English translation being quoted."""
        return _ATTRIBUTION[lang]
