"""Rendered answers: draft marker, verses quoted from the verified source, typed citations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.knowledge.loader import load_knowledge
from bot.knowledge.model import (
    DocumentRef,
    Entry,
    EntryStatus,
    HadithRef,
    MediaRef,
    QuranRef,
    Reference,
    Reviewer,
)
from bot.knowledge.render import DRAFT_MARKER, render_answer
from bot.knowledge.scripture import QuranSource
from tests.knowledge.test_scripture import skeleton


def make_entry(*references: Reference, status: EntryStatus = EntryStatus.DRAFT) -> Entry:
    reviewers = (Reviewer("Dr. A", date(2026, 12, 1)),) if status is EntryStatus.APPROVED else ()
    return Entry(
        id="example",
        topic="test",
        status=status,
        reviewers=reviewers,
        questions={"en": ("a?", "b?", "c?"), "ar": ("أ؟", "ب؟", "ج؟")},
        answer={"en": "The answer.\n", "ar": "الجواب.\n"},
        references=references,
        related=(),
        updated=date(2026, 12, 6),
    )


def test_draft_is_marked_in_both_languages(quran: QuranSource) -> None:
    entry = make_entry()
    english = render_answer(entry, "en", quran, serves_drafts=True)
    arabic = render_answer(entry, "ar", quran, serves_drafts=True)
    assert english.text == "⚠ Pending scholar review — draft answer\n\nThe answer."
    assert arabic.text == "⚠ بانتظار مراجعة العلماء — إجابة مسودة\n\nالجواب."
    assert english.is_draft and arabic.is_draft


def test_approved_entry_has_no_marker(quran: QuranSource) -> None:
    rendered = render_answer(make_entry(status=EntryStatus.APPROVED), "en", quran, False)
    assert rendered.text == "The answer."
    assert not rendered.is_draft
    assert DRAFT_MARKER["en"] not in rendered.text


@pytest.mark.parametrize("status", [EntryStatus.DRAFT, EntryStatus.RETIRED])
def test_unservable_entries_are_refused(quran: QuranSource, status: EntryStatus) -> None:
    with pytest.raises(ValueError, match="may not be served"):
        render_answer(make_entry(status=status), "en", quran, serves_drafts=False)


def test_5_32_quoted_in_english_answer(quran: QuranSource) -> None:
    text = render_answer(make_entry(QuranRef(5, 32, 32)), "en", quran, True).references_text
    lines = text.splitlines()
    assert lines[0] == "• Qur'an 5:32 (Al-Ma'idah)"
    assert "من قتل نفسا بغير نفس" in skeleton(lines[1])
    assert lines[1].startswith("﴿") and lines[1].endswith("﴾")
    assert "whoever kills a soul" in lines[2]
    assert lines[-1] == "English translation of the Qur'an: Saheeh International."


def test_5_32_quoted_in_arabic_answer_without_translation(quran: QuranSource) -> None:
    text = render_answer(make_entry(QuranRef(5, 32, 32)), "ar", quran, True).references_text
    lines = text.splitlines()
    assert lines[0] == "• سورة المائدة: ٣٢"
    assert "فكانما قتل الناس جميعا" in skeleton(lines[1])
    assert "kills" not in text
    assert lines[-1] == quran.attribution("ar")


def test_2_256_quoted_in_both_languages(quran: QuranSource) -> None:
    entry = make_entry(QuranRef(2, 256, 256))
    english = render_answer(entry, "en", quran, True).references_text
    arabic = render_answer(entry, "ar", quran, True).references_text
    assert "لا اكراه في الدين" in skeleton(english) and "لا اكراه في الدين" in skeleton(arabic)
    assert "no compulsion" in english and "compulsion" not in arabic
    assert arabic.startswith("• سورة البقرة: ٢٥٦")


def test_range_is_numbered_and_long_ranges_are_cut(quran: QuranSource) -> None:
    short = render_answer(make_entry(QuranRef(2, 190, 193)), "en", quran, True).references_text
    assert "(١٩٣)" in short and "(193) Fight them until" in short and "…" not in short
    long = render_answer(make_entry(QuranRef(2, 1, 20)), "en", quran, True).references_text
    lines = long.splitlines()
    assert lines[0] == "• Qur'an 2:1-20 (Al-Baqarah)"
    assert sum(line.startswith("﴿") for line in lines) == 5
    assert [line for line in lines if line.startswith("(")][-1].startswith("(5) ")
    assert lines[-3] == "…"


def test_hadith_document_media_citations(quran: QuranSource) -> None:
    entry = make_entry(
        HadithRef("bukhari", "3015", "sahih"),
        DocumentRef("Open Letter to al-Baghdadi", 2014, "Point 8", "https://example.org/letter"),
        MediaRef("A talk", "https://example.org/talk"),
    )
    assert render_answer(entry, "en", quran, True).references_text == (
        "• Sahih al-Bukhari 3015 (sahih)\n\n"
        "• Open Letter to al-Baghdadi (2014), Point 8 — https://example.org/letter\n\n"
        "• A talk — https://example.org/talk"
    )
    assert render_answer(entry, "ar", quran, True).references_text == (
        "• صحيح البخاري ٣٠١٥ (صحيح)\n\n"
        "• Open Letter to al-Baghdadi (٢٠١٤)، Point 8 — https://example.org/letter\n\n"
        "• A talk — https://example.org/talk"
    )


def test_document_without_section(quran: QuranSource) -> None:
    entry = make_entry(DocumentRef("Marrakesh Declaration", 2016, "", "https://example.org/m"))
    assert render_answer(entry, "en", quran, True).references_text == (
        "• Marrakesh Declaration (2016) — https://example.org/m"
    )


def test_renders_a_loaded_entry(good_dir: Path, quran: QuranSource) -> None:
    knowledge = load_knowledge(good_dir, quran)
    entry = knowledge.by_id["killing-civilians"]
    rendered = render_answer(entry, "en", quran, serves_drafts=True)
    assert rendered.text.startswith(DRAFT_MARKER["en"])
    assert "• Sahih al-Bukhari 3015 (sahih)" in rendered.references_text
