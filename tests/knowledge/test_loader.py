"""Loading knowledge files: typed records, a content hash, and never a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.knowledge.errors import KnowledgeError
from bot.knowledge.loader import load_knowledge, read_knowledge
from bot.knowledge.model import DocumentRef, EntryStatus, HadithRef, MediaRef, QuranRef
from bot.knowledge.scripture import QuranSource
from bot.settings import PROJECT_ROOT

GOOD_ENTRIES = Path(__file__).parent / "fixtures" / "good" / "knowledge" / "entries"
VALID_ENTRY = (GOOD_ENTRIES / "killing-civilians.yaml").read_text(encoding="utf-8")


def test_loads_typed_entries(good_dir: Path, quran: QuranSource) -> None:
    knowledge = load_knowledge(good_dir, quran)
    assert sorted(knowledge.by_id) == ["killing-civilians", "sanctity-of-life"]
    entry = knowledge.by_id["killing-civilians"]
    assert entry.status is EntryStatus.DRAFT and entry.reviewers == ()
    assert entry.updated == date(2026, 12, 6)
    assert len(entry.questions["en"]) == len(entry.questions["ar"]) == 3
    assert entry.answer["en"].startswith("No. Killing civilians is not jihad.")
    assert entry.references == (
        QuranRef(5, 32, 32),  # written unquoted: YAML 1.1 would have read 5:32 as 332
        QuranRef(2, 190, 193),
        HadithRef("bukhari", "3015", "sahih"),
        DocumentRef(
            "Open Letter to al-Baghdadi", 2014, "Point 8", "https://www.lettertobaghdadi.com/"
        ),
        MediaRef("A talk", "https://example.org/talk"),
    )
    assert entry.related == ("sanctity-of-life",)
    assert entry.source_file == "knowledge/entries/killing-civilians.yaml"
    assert entry.lines["status"] == 3


def test_loads_supporting_files(good_dir: Path, quran: QuranSource) -> None:
    knowledge = load_knowledge(good_dir, quran)
    assert [m.entry for m in knowledge.counter_messages] == ["sanctity-of-life"]
    assert knowledge.initiatives[0].contact["phone"] == "+44 20 0000 0000"
    assert knowledge.helplines[0].country == "*"
    assert knowledge.helplines[0].phone == ""


def test_servable_respects_review_state(good_dir: Path, quran: QuranSource) -> None:
    knowledge = load_knowledge(good_dir, quran)
    assert [e.id for e in knowledge.servable(include_drafts=False)] == ["sanctity-of-life"]
    assert len(knowledge.servable(include_drafts=True)) == 2


def test_content_hash_is_stable_and_tracks_every_file(
    copy_of_good: Path, quran: QuranSource
) -> None:
    first = load_knowledge(copy_of_good, quran).content_hash
    assert len(first) == 64 and first == load_knowledge(copy_of_good, quran).content_hash
    helplines = copy_of_good / "helplines.yaml"
    helplines.write_text(helplines.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = load_knowledge(copy_of_good, quran).content_hash
    assert second != first
    (copy_of_good / "entries" / "notes.txt").write_text("not read", encoding="utf-8")
    assert load_knowledge(copy_of_good, quran).content_hash == second


def test_errors_raise_knowledge_error_with_every_problem(
    broken_dir: Path, quran: QuranSource
) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(broken_dir, quran)
    problems = caught.value.problems
    assert all(p.is_error for p in problems)
    assert "knowledge/entries/quran-verse-out-of-range.yaml:19: error:" in str(caught.value)
    assert len(problems) == 25


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "knowledge/entries/x.yaml: error: the file is empty"),
        (
            b"\xff\xfe garbage",
            "knowledge/entries/x.yaml: error: not UTF-8 text (byte 0); save the file as UTF-8",
        ),
        (
            b"- just\n- a list\n",
            "knowledge/entries/x.yaml:1: error: the file must be a list of fields, not a list",
        ),
        (
            b"id: x\n---\nid: y\n",
            "knowledge/entries/x.yaml:2: error: invalid YAML (a second document starts here); keep one entry per file",
        ),
        (
            b"id: x\n\ttopic: y\n",
            "knowledge/entries/x.yaml:2: error: invalid YAML (found character '\\t' that cannot start any token); check the indentation, colons and quotes on this line and the one above",
        ),
        (
            b'id: "x\n',
            "knowledge/entries/x.yaml:2: error: invalid YAML (found unexpected end of stream); check the indentation, colons and quotes on this line and the one above",
        ),
    ],
)
def test_unreadable_files_become_problems(
    tmp_path: Path, quran: QuranSource, content: bytes, expected: str
) -> None:
    (tmp_path / "knowledge" / "entries").mkdir(parents=True)
    (tmp_path / "knowledge" / "entries" / "x.yaml").write_bytes(content)
    _, problems = read_knowledge(tmp_path / "knowledge", quran)
    assert [str(p) for p in problems] == [expected]


def test_repeated_field_is_an_error(tmp_path: Path, quran: QuranSource) -> None:
    (tmp_path / "knowledge" / "entries").mkdir(parents=True)
    text = VALID_ENTRY.replace("id: killing-civilians\n", "id: killing-civilians\nid: again\n")
    (tmp_path / "knowledge" / "entries" / "killing-civilians.yaml").write_text(
        text, encoding="utf-8"
    )
    _, problems = read_knowledge(tmp_path / "knowledge", quran)
    assert 'knowledge/entries/killing-civilians.yaml:2: error: field "id" appears twice' in [
        str(p) for p in problems
    ]


def test_yaml_country_no_stays_text(copy_of_good: Path, quran: QuranSource) -> None:
    """Unquoted NO (Norway) is false in YAML 1.1; we read the text as written."""
    path = copy_of_good / "initiatives.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("country: GB", "country: NO"), encoding="utf-8"
    )
    assert load_knowledge(copy_of_good, quran).initiatives[0].country == "NO"


def test_readme_example_is_a_valid_entry(tmp_path: Path, quran: QuranSource) -> None:
    """The example scholars copy from must itself pass the validator."""
    readme = (PROJECT_ROOT / "knowledge" / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "knowledge" / "entries").mkdir(parents=True)
    (tmp_path / "knowledge" / "entries" / "killing-civilians.yaml").write_text(example, "utf-8")
    knowledge, problems = read_knowledge(tmp_path / "knowledge", quran)
    assert [p for p in problems if "related id" not in p.message] == []
    assert knowledge.by_id["killing-civilians"].references[0] == QuranRef(5, 32, 32)
