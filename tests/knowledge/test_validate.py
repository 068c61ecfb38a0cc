"""The validator names file, line and problem exactly, for every kind of broken file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from bot.knowledge.errors import Problem
from bot.knowledge.loader import read_knowledge
from bot.knowledge.scripture import QuranSource
from bot.knowledge.validate import validate_knowledge
from bot.settings import PROJECT_ROOT

TODAY = date(2026, 12, 6)
E = "knowledge/entries"

EXPECTED_ERRORS = {
    "bad-yaml": [
        f"{E}/bad-yaml.yaml:9: error: invalid YAML (expected <block end>, but found '-'); "
        "check the indentation, colons and quotes on this line and the one above"
    ],
    "quran-verse-out-of-range": [
        f'{E}/quran-verse-out-of-range.yaml:19: error: quran "2:300": surah 2 (Al-Baqarah) '
        "has 286 verses"
    ],
    "quran-no-such-surah": [
        f'{E}/quran-no-such-surah.yaml:19: error: quran "115:1": there is no surah 115; '
        "the Qur'an has 114"
    ],
    "quran-reversed-range": [
        f'{E}/quran-reversed-range.yaml:19: error: quran "2:193-190": the range ends (190) '
        "before it starts (193)"
    ],
    "duplicate-id": [
        f'{E}/duplicate-id.yaml:1: error: id "valid-entry" does not match the file name '
        '"duplicate-id.yaml"; make them the same'
    ],
    "valid-entry": [
        f'{E}/valid-entry.yaml:1: error: duplicate id "valid-entry" (also in {E}/duplicate-id.yaml)'
    ],
    "oversized-answer": [
        f"{E}/oversized-answer.yaml:16: error: answer.en is 3,612 characters; the limit is 3,500"
    ],
    "unknown-key": [
        f'{E}/unknown-key.yaml:18: error: unknown field "refrences"; did you mean "references"?'
    ],
    "missing-language": [f"{E}/missing-language.yaml:16: error: answer.ar is missing"],
    "unknown-status": [
        f'{E}/unknown-status.yaml:3: error: status "published" is not known; '
        "use one of: draft, approved, retired"
    ],
    "unknown-hadith-collection": [
        f'{E}/unknown-hadith-collection.yaml:19: error: hadith collection "bukharee" is not '
        'known; did you mean "bukhari"?'
    ],
    "unknown-hadith-grade": [
        f'{E}/unknown-hadith-grade.yaml:19: error: hadith grade "strong" is not known; '
        "use one of: sahih, hasan, daif, sahih-li-ghayrihi, hasan-li-ghayrihi"
    ],
    "unknown-related-id": [
        f'{E}/unknown-related-id.yaml:20: error: related id "no-such-entry" is not an entry'
    ],
    "too-few-phrasings": [
        f"{E}/too-few-phrasings.yaml:12: error: questions.ar has 2 phrasing(s); "
        "at least 3 are needed"
    ],
    "approved-without-reviewers": [
        f"{E}/approved-without-reviewers.yaml:4: error: status is approved but reviewers is "
        "empty; add each approving scholar's name and date"
    ],
    "missing-field": [f'{E}/missing-field.yaml:1: error: missing field "topic"'],
    "wrong-type": [f"{E}/wrong-type.yaml:7: error: questions.en must be a list, not text"],
    "bad-url": [
        f'{E}/bad-url.yaml:19: error: media url "www.example.org/talk" is not a web address '
        "starting with https://"
    ],
}

EXPECTED_SUPPORTING_ERRORS = [
    'knowledge/counter_messages.yaml:2: error: counter-message #1 links to unknown entry "no-such-entry"',
    'knowledge/counter_messages.yaml:6: error: duplicate counter-message id "life-is-sacred" (first on line 1)',
    "knowledge/counter_messages.yaml:9: error: counter-message #2 text.en is 650 characters; the limit is 600",
    "knowledge/helplines.yaml:1: error: helpline #1 needs a phone or a url",
    "knowledge/helplines.yaml:2: error: helpline #1 name.ar is missing",
    'knowledge/initiatives.yaml:2: error: initiative #1 country "UK" is not an upper-case ISO 3166 two-letter code or "*" (the United Kingdom is "GB")',
    'knowledge/initiatives.yaml:4: error: initiative #1 kind "therapy" is not known; use one of: counselling, youth_programme, exit_rehabilitation, helpline, resource',
]


@pytest.fixture(scope="module")
def broken_lines() -> list[str]:
    """Every problem line for the broken fixture folder, validated once."""
    directory = Path(__file__).parent / "fixtures" / "broken" / "knowledge"
    return [str(p) for p in validate_knowledge(directory, quran=QuranSource(), today=TODAY)]


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_each_broken_entry_gets_its_exact_message(broken_lines: list[str], name: str) -> None:
    prefix = f"{E}/{name}.yaml:"
    assert [line for line in broken_lines if line.startswith(prefix)] == EXPECTED_ERRORS[name]


def test_broken_supporting_files_get_exact_messages(broken_lines: list[str]) -> None:
    supporting = [line for line in broken_lines if not line.startswith(E)]
    assert supporting == EXPECTED_SUPPORTING_ERRORS


def test_nothing_unexpected_is_reported(broken_lines: list[str]) -> None:
    expected = [line for lines in EXPECTED_ERRORS.values() for line in lines]
    expected += EXPECTED_SUPPORTING_ERRORS
    errors = [line for line in broken_lines if ": error: " in line]
    assert sorted(errors) == sorted(expected)


def test_every_broken_entry_file_has_a_case(broken_dir: Path) -> None:
    assert {path.stem for path in (broken_dir / "entries").glob("*.yaml")} == set(EXPECTED_ERRORS)


def test_errors_come_before_warnings(broken_lines: list[str]) -> None:
    severities = [": warning: " in line for line in broken_lines]
    assert severities == sorted(severities)


def test_good_folder_has_only_the_draft_warning(good_dir: Path, quran: QuranSource) -> None:
    problems = validate_knowledge(good_dir, quran=quran, today=TODAY)
    assert [str(p) for p in problems] == [
        "knowledge/entries: warning: 1 entry is a draft, "
        "not served in production until a scholar approves them"
    ]


def test_drafts_listed_one_by_one_when_asked(good_dir: Path, quran: QuranSource) -> None:
    problems = validate_knowledge(good_dir, quran=quran, today=TODAY, list_drafts=True)
    assert [str(p) for p in problems] == [
        "knowledge/entries/killing-civilians.yaml:3: warning: "
        "draft: not served in production until a scholar approves it"
    ]


def test_old_approval_is_a_warning(good_dir: Path, quran: QuranSource) -> None:
    later = date(2027, 3, 1)
    problems = validate_knowledge(good_dir, approval_max_age_days=30, quran=quran, today=later)
    assert (
        Problem(
            "knowledge/entries/sanctity-of-life.yaml",
            4,
            "newest approval (Dr. Example Scholar, 2026-11-30) is 91 days old; the limit is 30: "
            "ask a scholar to review it again",
            "warning",
        )
        in problems
    )
    assert not [p for p in problems if p.is_error]


def test_change_after_approval_is_a_warning(copy_of_good: Path, quran: QuranSource) -> None:
    path = copy_of_good / "entries" / "sanctity-of-life.yaml"
    text = path.read_text(encoding="utf-8").replace("updated: 2026-11-30", "updated: 2026-12-05")
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in validate_knowledge(copy_of_good, quran=quran, today=TODAY)]
    assert (
        "knowledge/entries/sanctity-of-life.yaml:7: warning: updated 2026-12-05 is after the "
        "newest approval (2026-11-30): a scholar should approve the changed text"
    ) in problems


def test_confusable_entries_are_a_warning(good_dir: Path, quran: QuranSource) -> None:
    def encode(texts: Sequence[str]) -> np.ndarray:
        """killing-civilians' phrasings coincide; sanctity-of-life's split into two groups
        that are each nearer to killing-civilians (0.80) than to each other (0.28)."""
        spread = iter([[0.8, 0.6], [0.8, -0.6]] * len(texts))
        return np.array([[1.0, 0.0] if "قتل" in t or "kill" in t else next(spread) for t in texts])

    problems = validate_knowledge(good_dir, quran=quran, today=TODAY, encode=encode)
    confusable = [str(p) for p in problems if "closer" in p.message]
    assert confusable == [
        "knowledge/entries/sanctity-of-life.yaml:8: warning: questions are closer to entry "
        '"killing-civilians" (0.80) than to each other (0.57); make the phrasings more '
        "distinct or merge the entries"
    ]


def test_distinct_entries_are_not_confusable(good_dir: Path, quran: QuranSource) -> None:
    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.array([[1.0, 0.0] if "قتل" in t or "kill" in t else [0.0, 1.0] for t in texts])

    problems = validate_knowledge(good_dir, quran=quran, today=TODAY, encode=encode)
    assert not [p for p in problems if "closer" in p.message]


def test_missing_folder_is_one_error(tmp_path: Path, quran: QuranSource) -> None:
    problems = validate_knowledge(tmp_path / "knowledge", quran=quran, today=TODAY)
    assert [str(p) for p in problems] == ["knowledge: error: no such folder"]


def test_read_knowledge_keeps_valid_entries_of_a_broken_folder(broken_dir: Path) -> None:
    knowledge, problems = read_knowledge(broken_dir, QuranSource())
    assert "unknown-related-id" in knowledge.by_id
    assert "bad-yaml" not in knowledge.by_id
    assert problems


# --- the shipped knowledge ---------------------------------------------------------------

SHIPPED = PROJECT_ROOT / "knowledge"
_CONTRACT_IDS_TEXT = """
    killing-civilians suicide-attacks meaning-of-jihad conditions-of-jihad non-combatants-in-war
    takfir caliphate-claims pledge-of-allegiance hijra-to-conflict-zones obedience-to-rulers
    loyalty-to-country treatment-of-non-muslims religious-minorities covenants-visas-treaties
    revenge-and-grievance martyrdom-claims women-and-extremist-groups online-recruitment-tactics
    too-late-to-come-back leaving-a-group wala-and-bara apostasy west-at-war-with-islam
    democracy-and-voting hostages-and-kidnapping journalists-and-aid-workers
    destroying-shrines-and-heritage sectarian-killing extremism-ghuluw mercy-in-islam
    justice-in-islam who-may-issue-fatwa no-compulsion-in-religion slavery-claims forced-conversion
    living-in-non-muslim-countries friendship-with-non-muslims anger-at-injustice
    insulting-other-religions parents-permission sanctity-of-life emissaries-and-envoys
    end-times-prophecies dar-al-harb vigilante-punishment
"""
CONTRACT_IDS = frozenset(_CONTRACT_IDS_TEXT.split())


def shipped_entry_ids() -> set[str]:
    return {path.stem for path in (SHIPPED / "entries").glob("*.yaml")}


def test_shipped_knowledge_has_no_errors(quran: QuranSource) -> None:
    """make test fails on any error in a shipped file; with no entries yet, the rest is checked."""
    errors = [p for p in validate_knowledge(SHIPPED, quran=quran) if p.is_error]
    if not shipped_entry_ids():
        errors = [p for p in errors if "unknown entry" not in p.message and p.line > 0]
    assert not errors, "\n".join(str(p) for p in errors)


def test_shipped_entries_use_the_agreed_ids() -> None:
    assert shipped_entry_ids() <= CONTRACT_IDS


def test_shipped_supporting_files() -> None:
    knowledge, _ = read_knowledge(SHIPPED, QuranSource())
    assert len(knowledge.counter_messages) >= 12
    assert {message.entry for message in knowledge.counter_messages} <= CONTRACT_IDS
    assert len(knowledge.initiatives) >= 10
    assert {"*", "GB", "US"} <= {helpline.country for helpline in knowledge.helplines}
    for name in ("initiatives.yaml", "helplines.yaml"):
        assert "verify contacts before production" in (SHIPPED / name).read_text().lower()
