"""The glossary file: bilingual term groups, checked with file and line like the entries."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import load_knowledge, read_knowledge
from bot.knowledge.model import TermGroup
from bot.knowledge.scripture import QuranSource


def _write(folder: Path, text: str) -> None:
    (folder / "glossary.yaml").write_text(text, encoding="utf-8")


def test_groups_load_with_both_languages(good_dir: Path, quran: QuranSource) -> None:
    glossary = load_knowledge(good_dir, quran).glossary
    assert glossary[0] == TermGroup(
        {"ar": ("المدنيين", "الأبرياء"), "en": ("civilians", "innocent people")}
    )
    assert glossary[1].all_terms() == ("النفس", "life", "soul")


def test_no_file_means_no_groups(copy_of_good: Path, quran: QuranSource) -> None:
    (copy_of_good / "glossary.yaml").unlink()
    assert load_knowledge(copy_of_good, quran).glossary == ()


def test_the_glossary_is_part_of_the_content_hash(copy_of_good: Path, quran: QuranSource) -> None:
    before = load_knowledge(copy_of_good, quran).content_hash
    _write(copy_of_good, "- en: [takfir]\n  ar: [تكفير]\n")
    assert load_knowledge(copy_of_good, quran).content_hash != before


def test_each_mistake_names_its_line(copy_of_good: Path, quran: QuranSource) -> None:
    _write(
        copy_of_good,
        "- en: [takfir]\n"  # 1
        "  ar: [takfir]\n"  # 2: Latin letters in the Arabic list
        "- en: [jihad]\n"  # 3: Arabic list missing
        "- en: []\n"  # 4
        "  ar: [جهاد]\n"  # 5
        "- en: [" + "x" * 61 + "]\n"  # 6: too long
        "  ar: [قتل]\n"
        "- ar: [عهد]\n"  # 8
        "  en: [treaty]\n"
        "  fr: [traité]\n",  # 10: unknown field
    )
    _, problems = read_knowledge(copy_of_good, quran)
    found = {(p.line, p.message) for p in problems if p.file == "knowledge/glossary.yaml"}
    assert found == {
        (2, 'term group #1.ar term "takfir" has no Arabic letters'),
        (3, 'missing field "ar" in term group #2'),
        (4, "term group #3.en needs at least one term"),
        (6, f'term group #4.en term "{"x" * 20}…" is 61 characters; the limit is 60'),
        (10, 'unknown field "fr" in term group #5; allowed: ar, en'),
    }


def test_a_term_in_two_groups_is_a_warning(copy_of_good: Path, quran: QuranSource) -> None:
    _write(copy_of_good, "- en: [war]\n  ar: [حرب]\n- en: [fight, War]\n  ar: [قتال]\n")
    knowledge, problems = read_knowledge(copy_of_good, quran)
    warnings = [str(p) for p in problems if p.file == "knowledge/glossary.yaml"]
    assert warnings == ['knowledge/glossary.yaml:3: warning: term "War" is also in term group #1']
    assert len(knowledge.glossary) == 2


def test_a_broken_glossary_stops_the_loader(copy_of_good: Path, quran: QuranSource) -> None:
    _write(copy_of_good, "- en: [war\n")
    _, problems = read_knowledge(copy_of_good, quran)
    assert any(p.file == "knowledge/glossary.yaml" and p.is_error for p in problems)
