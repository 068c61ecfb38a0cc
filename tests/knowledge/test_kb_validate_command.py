"""``hiwar kb validate`` end to end through the CLI: output lines and exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot.cli import main


def run_validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["kb", "validate", *args])
    return code, capsys.readouterr().out.splitlines()


def test_good_folder_exits_0(capsys: pytest.CaptureFixture[str], good_dir: Path) -> None:
    code, lines = run_validate(capsys, "--dir", str(good_dir), "--no-confusable")
    assert code == 0
    assert lines == [
        "knowledge/entries: warning: 1 entry is a draft, "
        "not served in production until a scholar approves them",
        "2 entries, 0 errors, 1 warnings",
    ]


def test_broken_folder_exits_1(capsys: pytest.CaptureFixture[str], broken_dir: Path) -> None:
    code, lines = run_validate(capsys, "--dir", str(broken_dir), "--no-confusable")
    assert code == 1
    assert (
        'knowledge/entries/quran-verse-out-of-range.yaml:19: error: quran "2:300": '
        "surah 2 (Al-Baqarah) has 286 verses"
    ) in lines
    assert lines[-1] == "18 entries, 25 errors, 1 warnings"


def test_approval_age_option(capsys: pytest.CaptureFixture[str], good_dir: Path) -> None:
    code, lines = run_validate(
        capsys, "--dir", str(good_dir), "--no-confusable", "--max-approval-age-days", "0"
    )
    assert code == 0
    assert any("sanctity-of-life.yaml:4: warning: newest approval" in line for line in lines)
    assert lines[-1] == "2 entries, 0 errors, 2 warnings"


def test_verbose_lists_each_draft(capsys: pytest.CaptureFixture[str], good_dir: Path) -> None:
    _, lines = run_validate(capsys, "--dir", str(good_dir), "--no-confusable", "--verbose")
    assert lines[0] == (
        "knowledge/entries/killing-civilians.yaml:3: warning: "
        "draft: not served in production until a scholar approves it"
    )


def test_confusable_check_skipped_without_encoder(
    capsys: pytest.CaptureFixture[str], good_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "bot.retrieval.encoders", None)
    code, lines = run_validate(capsys, "--dir", str(good_dir))
    assert code == 0
    assert lines[0].startswith("note: confusable-entries check skipped (no retrieval encoder")


def test_missing_folder_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, lines = run_validate(capsys, "--dir", str(tmp_path / "nowhere"), "--no-confusable")
    assert code == 1
    assert lines == ["nowhere: error: no such folder", "0 entries, 1 errors, 0 warnings"]


def test_encoder_that_fails_to_load_skips_the_check(
    capsys: pytest.CaptureFixture[str], good_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class BrokenEncoder:
        def encode_queries(self, texts: list[str]) -> None:
            raise OSError("model files missing")

    monkeypatch.setattr("bot.retrieval.encoders.build_encoder", lambda settings: BrokenEncoder())
    code, lines = run_validate(capsys, "--dir", str(good_dir))
    assert code == 0
    assert lines[0] == (
        "note: confusable-entries check skipped (encoder failed to load: model files missing)"
    )
