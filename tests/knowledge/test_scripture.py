"""The packaged Qur'an text is complete and says what the known verses say."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from bot.knowledge.errors import ScriptureError
from bot.knowledge.model import QuranRef
from bot.knowledge.scripture import SURAH_COUNT, VERSE_TOTAL, QuranSource

# Verses per surah in the Hafs ('Kufan') count, typed independently of the package.
CANONICAL_COUNTS = (
    7, 286, 200, 176, 120, 165, 206, 75, 129, 109, 123, 111, 43, 52, 99, 128, 111, 110, 98, 135,
    112, 78, 118, 64, 77, 227, 93, 88, 69, 60, 34, 30, 73, 54, 45, 83, 182, 88, 75, 85, 54, 53,
    89, 59, 37, 35, 38, 29, 18, 45, 60, 49, 62, 55, 78, 96, 29, 22, 24, 13, 14, 11, 11, 18, 12,
    12, 30, 52, 52, 44, 28, 28, 20, 56, 40, 31, 50, 40, 46, 42, 29, 19, 36, 25, 22, 17, 19, 26,
    30, 20, 15, 21, 11, 8, 8, 19, 5, 8, 8, 11, 11, 8, 3, 9, 5, 4, 7, 3, 6, 3, 5, 4, 5, 6,
)  # fmt: skip


def skeleton(text: str) -> str:
    """Arabic letters without vowel marks or Uthmani signs, alef variants unified."""
    bare = "".join(ch for ch in text if unicodedata.category(ch) != "Mn" and ch != "ـ")
    return bare.translate(str.maketrans("ٱأإآ", "اااا"))


def verse(quran: QuranSource, label: str, lang: str) -> str:
    surah, ayah = (int(part) for part in label.split(":"))
    return " ".join(v.text for v in quran.verses(QuranRef(surah, ayah, ayah), lang))  # type: ignore[arg-type]


def test_structure_is_114_surahs_and_6236_verses(quran: QuranSource) -> None:
    counts = quran.verse_counts()
    assert len(counts) == SURAH_COUNT == 114
    assert sum(counts) == VERSE_TOTAL == 6236
    assert counts[1] == 286  # al-Baqarah
    assert counts == CANONICAL_COUNTS


def test_5_32_in_arabic_and_english(quran: QuranSource) -> None:
    arabic = skeleton(verse(quran, "5:32", "ar"))
    assert "من قتل نفسا بغير نفس" in arabic
    assert "فكانما قتل الناس جميعا" in arabic
    english = verse(quran, "5:32", "en")
    assert "whoever kills a soul" in english
    assert "as if he had slain mankind entirely" in english


def test_2_256_in_arabic_and_english(quran: QuranSource) -> None:
    assert skeleton(verse(quran, "2:256", "ar")).startswith("لا اكراه في الدين")
    assert "no compulsion in [acceptance of] the religion" in verse(quran, "2:256", "en")


@pytest.mark.parametrize(
    ("label", "arabic", "english"),
    [
        ("1:1", "بسم الله الرحمن الرحيم", "In the name of Allah"),
        ("112:1", "قل هو الله احد", "He is Allah"),
        ("2:255", "الله لا اله الا هو الحي القيوم", "Ever-Living"),
        ("2:190", "ولا تعتدوا", "do not transgress"),
        ("60:8", "ان الله يحب المقسطين", "Allah loves those who act justly"),
    ],
)
def test_known_verses(quran: QuranSource, label: str, arabic: str, english: str) -> None:
    assert arabic in skeleton(verse(quran, label, "ar"))
    assert english in verse(quran, label, "en")


def test_range_in_order(quran: QuranSource) -> None:
    verses = quran.verses(QuranRef(2, 190, 193), "en")
    assert [v.ayah for v in verses] == [190, 191, 192, 193]


def test_missing_verse_is_an_error(quran: QuranSource) -> None:
    with pytest.raises(ScriptureError, match="2:300"):
        quran.verses(QuranRef(2, 300, 300), "ar")


def test_attribution_names_the_translation(quran: QuranSource) -> None:
    assert "Saheeh International" in quran.attribution("en")
    assert "حفص" in quran.attribution("ar")


def test_surah_names(quran: QuranSource) -> None:
    assert quran.surah_name(2, "en") == "Al-Baqarah"
    assert quran.surah_name(2, "ar") == "البقرة"


def test_nothing_is_opened_until_first_use(tmp_path: Path) -> None:
    source = QuranSource(tmp_path / "missing.db")
    with pytest.raises(ScriptureError, match="not found"):
        source.verse_counts()
