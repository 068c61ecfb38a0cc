"""Fixtures for the knowledge tests: the verified Qur'an source and the fixture folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.knowledge.scripture import QuranSource

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def quran() -> QuranSource:
    """The package-backed Qur'an source, shared by every test."""
    return QuranSource()


@pytest.fixture
def good_dir() -> Path:
    """A small knowledge folder with no errors: two entries and each supporting file."""
    return FIXTURES / "good" / "knowledge"


@pytest.fixture
def copy_of_good(good_dir: Path, tmp_path: Path) -> Path:
    """A writable copy of the good fixture folder."""
    return Path(shutil.copytree(good_dir, tmp_path / "knowledge"))


@pytest.fixture
def broken_dir() -> Path:
    """One broken entry file per kind of error, plus broken supporting files."""
    return FIXTURES / "broken" / "knowledge"
