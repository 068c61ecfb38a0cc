"""Database down: reports are spooled to files with a final reference, stored when it is back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from bot.reports.errors import DatabaseUnavailable
from bot.reports.service import get_report, submit_report
from bot.reports.spool import drain_spool, spool_directory
from bot.settings import Settings
from bot.store.engine import SessionFactory, build_session_factory
from tests.reports.factories import file_report

UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/test"  # nothing listens on port 1


def _submit_while_down(spool_dir: Path | None, **fields: str | None) -> str:
    down = build_session_factory(UNREACHABLE)
    with down() as session:
        defaults: dict[str, str | None] = {
            "url": "https://t.me/spooled/1", "text": None, "platform": None, "country": "JO",
            "description": "while down", "language": "ar", "reporter_pseudonym": "p-1",
        }  # fmt: skip
        defaults.update(fields)
        return submit_report(session, **defaults, spool_dir=spool_dir).reference


def test_down_database_spools_a_file_with_the_reference(tmp_path: Path) -> None:
    spool_dir = spool_directory(Settings(var_dir=tmp_path))
    reference = _submit_while_down(spool_dir)
    record = json.loads((spool_dir / f"{reference}.json").read_text(encoding="utf-8"))
    assert record["reference"] == reference
    assert record["report"]["url"] == "https://t.me/spooled/1"
    assert not list(spool_dir.glob(".*.tmp"))


def test_down_database_without_spool_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable):
        _submit_while_down(None)


def test_drain_stores_under_the_same_reference(
    tmp_path: Path, session_factory: SessionFactory, session: Session
) -> None:
    references = [_submit_while_down(tmp_path, url=f"https://t.me/spooled/{i}") for i in range(3)]
    assert drain_spool(session_factory, tmp_path) == 3
    assert not list(tmp_path.glob("*.json"))
    stored = [get_report(session, reference) for reference in references]
    assert [case.description for case in stored] == ["while down"] * 3


def test_drain_merges_into_a_case_filed_meanwhile_and_the_alias_resolves(
    tmp_path: Path, session_factory: SessionFactory, session: Session
) -> None:
    spooled = _submit_while_down(tmp_path, url="https://t.me/spooled/1?utm_source=x")
    existing = file_report(session, url="https://t.me/spooled/1")
    assert drain_spool(session_factory, tmp_path) == 1
    session.expire_all()
    case = get_report(session, spooled)
    assert (case.reference, case.report_count) == (existing.reference, 2)


def test_drain_while_still_down_keeps_the_files(tmp_path: Path) -> None:
    reference = _submit_while_down(tmp_path)
    assert drain_spool(build_session_factory(UNREACHABLE), tmp_path) == 0
    assert (tmp_path / f"{reference}.json").exists()


def test_drain_sets_aside_broken_files(tmp_path: Path, session_factory: SessionFactory) -> None:
    _submit_while_down(tmp_path)
    (tmp_path / "HW-BROKEN22.json").write_text("{not json", encoding="utf-8")
    assert drain_spool(session_factory, tmp_path) == 1
    assert [path.name for path in tmp_path.iterdir()] == ["HW-BROKEN22.bad"]
