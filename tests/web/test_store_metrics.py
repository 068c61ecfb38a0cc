"""Metrics read from the database: what the action server recorded, cases, queue length."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bot.analytics.events import record_abstention, record_answer, record_feedback
from bot.review_queue.service import record_question
from bot.store.engine import SessionFactory, build_session_factory
from bot.web.metrics import install_metrics
from tests.reports.factories import file_report
from tests.store.databases import database_url, postgres_database, session, session_factory

__all__ = ["database_url", "postgres_database", "session", "session_factory"]  # fixtures used


def _scrape(sessions: SessionFactory) -> str:
    app = FastAPI()
    install_metrics(app, sessions)
    with TestClient(app) as client:
        return client.get("/metrics").text


def test_recorded_events_cases_and_queue_are_exposed(
    session: Session, session_factory: SessionFactory
) -> None:
    record_answer(session, "takfir", "ar", "telegram")
    record_answer(session, "takfir", "ar", "telegram")
    record_abstention(session, None, "web")
    record_feedback(session, "takfir", True, "ar", "web")
    record_question(
        session, text="q?", language="en", channel="web", pseudonym=None, kind="abstained"
    )
    file_report(session)
    text = _scrape(session_factory)
    assert 'hiwar_recorded_answers_total{channel="telegram",lang="ar"} 2.0' in text
    assert 'hiwar_recorded_abstentions_total{channel="web",lang="unknown"} 1.0' in text
    assert 'hiwar_recorded_feedback_total{helpful="true"} 1.0' in text
    assert 'hiwar_report_cases{status="new"} 1.0' in text
    assert "hiwar_review_queue_waiting 1.0" in text


def test_an_unusable_database_yields_no_samples_not_an_error(tmp_path: Path) -> None:
    sessions = build_session_factory(f"sqlite:///{tmp_path / 'unmigrated.db'}")
    text = _scrape(sessions)
    assert "hiwar_http_requests_total" in text and "hiwar_report_cases" not in text
