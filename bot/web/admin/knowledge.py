"""Knowledge status: validation errors and warnings, drafts awaiting review, the live index.

Validation re-reads every file, so its result is cached on ``app.state`` until a
knowledge file changes (count and newest modification time), like the dialogue does.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from bot.knowledge.errors import Problem
from bot.knowledge.loader import read_knowledge
from bot.knowledge.model import Entry
from bot.knowledge.validate import validate_knowledge
from bot.settings import Settings
from bot.web.admin.auth import AdminRoute, SignedIn, require, settings_of
from bot.web.admin.templates import render

router = APIRouter(prefix="/admin/knowledge", route_class=AdminRoute, include_in_schema=False)
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class KnowledgeStatus:
    """What the page shows, computed once per version of the knowledge files."""

    stamp: tuple[int, float]
    errors: list[Problem]
    warnings: list[Problem]
    drafts: list[Entry]
    entry_count: int
    content_hash: str


def files_stamp(directory: Path) -> tuple[int, float]:
    """(file count, newest modification time): a cheap "did anything change" check."""
    files = [path for path in directory.rglob("*.yaml") if path.is_file()]
    return len(files), max((path.stat().st_mtime for path in files), default=0.0)


def knowledge_status(settings: Settings) -> KnowledgeStatus:
    """Validate the knowledge folder and list the drafts."""
    from bot.knowledge.scripture import QuranSource

    directory = settings.knowledge_dir
    quran = QuranSource()
    problems = validate_knowledge(directory, settings.approval_max_age_days, quran=quran)
    knowledge, _ = read_knowledge(directory, quran)
    return KnowledgeStatus(
        stamp=files_stamp(directory),
        errors=[problem for problem in problems if problem.is_error],
        warnings=[problem for problem in problems if not problem.is_error],
        drafts=sorted((entry for entry in knowledge.entries if entry.is_draft), key=lambda e: e.id),
        entry_count=len(knowledge.entries),
        content_hash=knowledge.content_hash,
    )


def cached_status(request: Request) -> KnowledgeStatus:
    """The status for the current files, recomputed only after a change."""
    settings, state = settings_of(request), request.app.state
    stamp = files_stamp(settings.knowledge_dir)
    with _cache_lock:
        status: KnowledgeStatus | None = getattr(state, "admin_knowledge_status", None)
        if status is None or status.stamp != stamp:
            status = knowledge_status(settings)
            state.admin_knowledge_status = status
    return status


def index_build(index_dir: Path) -> dict[str, Any] | None:
    """The live index's config.json (encoder, build time, content hash), if there is one."""
    try:
        config = json.loads((index_dir / "config.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return config if isinstance(config, dict) else None


@router.get("", response_class=HTMLResponse)
def read_knowledge_status(
    request: Request, current: Annotated[SignedIn, Depends(require("knowledge"))]
) -> HTMLResponse:
    """Validation result, drafts awaiting review and whether the index matches the files."""
    status = cached_status(request)
    build = index_build(settings_of(request).index_dir)
    context = {
        "current": current, "title": "Knowledge", "status": status, "build": build,
        "index_current": build is not None and build.get("content_hash") == status.content_hash,
    }  # fmt: skip
    return render("knowledge.html", context)
