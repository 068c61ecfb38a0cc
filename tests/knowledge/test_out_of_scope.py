"""The out-of-scope file: example questions per topic, checked like an entry's phrasings."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import load_knowledge, read_knowledge
from bot.knowledge.scripture import QuranSource


def test_topics_load_with_their_questions(good_dir: Path, quran: QuranSource) -> None:
    (topic,) = load_knowledge(good_dir, quran).out_of_scope
    assert topic.id == "worship-prayer"
    assert topic.questions["en"][0] == "when does fajr end" and len(topic.questions["ar"]) == 3


def test_mistakes_name_the_file_and_line(copy_of_good: Path, quran: QuranSource) -> None:
    (copy_of_good / "out_of_scope.yaml").write_text(
        "- id: Prayer Times\n"  # 1: not a slug
        "  questions:\n"
        "    en: [a, b, c]\n"
        "    ar: [أ, ب, ج]\n"
        "- id: fasting\n"  # 5
        "  questions:\n"
        "    en: [only one]\n"  # 7: too few
        "    ar: [أ, ب, ج]\n"
        "- id: fasting\n"  # 9: duplicate id
        "  questions: {en: [a, b, c], ar: [أ, ب, ج]}\n",
        encoding="utf-8",
    )
    knowledge, problems = read_knowledge(copy_of_good, quran)
    found = sorted(str(p) for p in problems if p.file == "knowledge/out_of_scope.yaml")
    assert found == [
        'knowledge/out_of_scope.yaml:1: error: id "Prayer Times" may use only a-z, 0-9 and single hyphens',
        "knowledge/out_of_scope.yaml:7: error: questions.en has 1 phrasing(s); at least 3 are needed",
        'knowledge/out_of_scope.yaml:9: error: duplicate out-of-scope topic id "fasting" (first on line 5)',
    ]
    assert [topic.id for topic in knowledge.out_of_scope] == ["fasting"]
