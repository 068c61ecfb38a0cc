"""An entry as the text a reader sees: the answer, then its references with verses quoted.

Pure text (no HTML or Markdown), so every channel can send it as is. Qur'an verses are
quoted from the verified source, never from the entry file; the translation's
attribution is shown wherever it is quoted.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.model import (
    DocumentRef,
    Entry,
    EntryStatus,
    HadithRef,
    Lang,
    MediaRef,
    QuranRef,
    Reference,
)
from bot.knowledge.scripture import ScriptureSource
from bot.knowledge.vocabulary import HADITH_COLLECTIONS, HADITH_GRADES, arabic_digits

MAX_QUOTED_VERSES = 5
BULLET = "•"
DRAFT_MARKER: dict[Lang, str] = {
    "en": "⚠ Pending scholar review — draft answer",
    "ar": "⚠ بانتظار مراجعة العلماء — إجابة مسودة",
}


@dataclass(frozen=True)
class RenderedAnswer:
    """What a channel sends: the answer, and the references for "what is your source?"."""

    text: str
    references_text: str
    is_draft: bool


def render_answer(
    entry: Entry, lang: Lang, quran: ScriptureSource, serves_drafts: bool
) -> RenderedAnswer:
    """The entry in ``lang``; drafts only when ``serves_drafts``, and then visibly marked."""
    if entry.status is EntryStatus.RETIRED or (entry.is_draft and not serves_drafts):
        raise ValueError(f'entry "{entry.id}" is {entry.status.value} and may not be served')
    text = entry.answer[lang].strip()
    if entry.is_draft:
        text = f"{DRAFT_MARKER[lang]}\n\n{text}"
    return RenderedAnswer(text, render_references(entry.references, lang, quran), entry.is_draft)


def render_references(references: tuple[Reference, ...], lang: Lang, quran: ScriptureSource) -> str:
    """One block per reference, then the translation attribution if a verse was quoted."""
    blocks = [render_reference(reference, lang, quran) for reference in references]
    if any(isinstance(reference, QuranRef) for reference in references):
        blocks.append(quran.attribution(lang))
    return "\n\n".join(blocks)


def render_reference(reference: Reference, lang: Lang, quran: ScriptureSource) -> str:
    """A single reference as text."""
    if isinstance(reference, QuranRef):
        return render_quran(reference, lang, quran)
    if isinstance(reference, HadithRef):
        return f"{BULLET} {hadith_citation(reference, lang)}"
    if isinstance(reference, DocumentRef):
        return f"{BULLET} {document_citation(reference, lang)}"
    return f"{BULLET} {media_citation(reference)}"


def render_quran(ref: QuranRef, lang: Lang, quran: ScriptureSource) -> str:
    """Label, Arabic text and (for English) the translation; long ranges are cut with "…"."""
    shown = QuranRef(
        ref.surah, ref.ayah_start, min(ref.ayah_end, ref.ayah_start + MAX_QUOTED_VERSES - 1)
    )
    numbered = shown.ayah_start != ref.ayah_end
    lines = [f"{BULLET} {quran_label(ref, lang, quran)}"]
    for verse in quran.verses(shown, "ar"):
        number = f" ({arabic_digits(verse.ayah)})" if numbered else ""
        lines.append(f"﴿{verse.text}﴾{number}")
    if lang == "en":
        for verse in quran.verses(shown, "en"):
            lines.append(f"({verse.ayah}) {verse.text}" if numbered else f"“{verse.text}”")
    if shown.ayah_end < ref.ayah_end:
        lines.append("…")
    return "\n".join(lines)


def quran_label(ref: QuranRef, lang: Lang, quran: ScriptureSource) -> str:
    """ "Qur'an 2:190-193 (Al-Baqarah)" or "سورة البقرة: ١٩٠-١٩٣"."""
    if lang == "ar":
        return (
            f"سورة {quran.surah_name(ref.surah, 'ar')}: {arabic_digits(ref.label().split(':')[1])}"
        )
    return f"Qur'an {ref.label()} ({quran.surah_name(ref.surah, 'en')})"


def hadith_citation(ref: HadithRef, lang: Lang) -> str:
    """ "Sahih al-Bukhari 3015 (sahih)" or "صحيح البخاري ٣٠١٥ (صحيح)"."""
    names = HADITH_COLLECTIONS.get(ref.collection, (ref.collection, ref.collection))
    grades = HADITH_GRADES.get(ref.grade, (ref.grade, ref.grade))
    if lang == "ar":
        return f"{names[1]} {arabic_digits(ref.number)} ({grades[1]})"
    return f"{names[0]} {ref.number} ({grades[0]})"


def document_citation(ref: DocumentRef, lang: Lang) -> str:
    """ "Title (2014), Point 8 — https://…"."""
    year = arabic_digits(ref.year) if lang == "ar" else str(ref.year)
    separator = "، " if lang == "ar" else ", "
    section = f"{separator}{ref.section}" if ref.section else ""
    return f"{ref.title} ({year}){section} — {ref.url}"


def media_citation(ref: MediaRef) -> str:
    """ "Title — https://…"."""
    return f"{ref.title} — {ref.url}"
