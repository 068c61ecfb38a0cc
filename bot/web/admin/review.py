"""The scholars' review queue: grouped unanswered questions, and linking a group to an entry.

Groups come from bot.review_queue.gaps with the retrieval encoder, built on the first
visit and kept on ``app.state.admin_encode`` (tests put a small encoder there). A
link marks the group's questions answered; bot.review_queue.notifier then tells the
askers who asked to hear back, in their conversation (and Telegram chat).
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.review_queue.gaps import find_gaps
from bot.review_queue.grouping import Encode
from bot.review_queue.service import askers_opted_in, link_questions
from bot.settings import Settings
from bot.web.admin.auth import AdminRoute, SignedIn, check_csrf, require, settings_of
from bot.web.admin.templates import render
from bot.web.ops_deps import DbSession

router = APIRouter(prefix="/admin/review", route_class=AdminRoute, include_in_schema=False)
GROUPS_SHOWN = 30
EXAMPLES_SHOWN = 5
MAX_LINKED = 5000
_encoder_lock = threading.Lock()
_IDS = re.compile(r"^\d+(,\d+)*$")


def entry_ids(settings: Settings) -> list[str]:
    """Ids of the entries on disk (file name == id), for the link form."""
    return sorted(path.stem for path in Path(settings.knowledge_dir, "entries").glob("*.yaml"))


def gap_encoder(request: Request) -> Encode:
    """The encoder that groups questions: the app's, or the retrieval encoder built once."""
    state = request.app.state
    with _encoder_lock:
        if getattr(state, "admin_encode", None) is None:
            from bot.retrieval.encoders import build_encoder

            state.admin_encode = build_encoder(settings_of(request).retrieval).encode_queries
    return state.admin_encode  # type: ignore[no-any-return]


@router.get("", response_class=HTMLResponse)
def read_review_queue(
    request: Request,
    session: DbSession,
    current: Annotated[SignedIn, Depends(require("review"))],
    linked: str = "",
    told: int = 0,
) -> HTMLResponse:
    """The largest groups of unanswered questions, with examples and a link form each."""
    flash = _linked_message(linked, told) if linked else None
    return _queue_page(request, session, current, flash=flash)


@router.post("/link")
def link_group(
    request: Request,
    session: DbSession,
    current: Annotated[SignedIn, Depends(require("review.link"))],
    question_ids: Annotated[str, Form(max_length=60_000)] = "",
    entry_id: Annotated[str, Form(max_length=100)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Link a group's questions to an existing entry; unknown entries are refused (422)."""
    check_csrf(request, current, csrf_token)
    settings = settings_of(request)
    ids = [int(part) for part in question_ids.split(",")] if _IDS.match(question_ids) else []
    if entry_id not in entry_ids(settings) or not ids or len(ids) > MAX_LINKED:
        error = "Choose an existing entry for this group."
        return _queue_page(request, session, current, error=error, status_code=422)
    link_questions(session, ids, entry_id)
    told = askers_opted_in(session, ids)
    return RedirectResponse(f"/admin/review?linked={entry_id}&told={told}", status_code=303)


def _linked_message(entry_id: str, told: int) -> str:
    if told <= 0:
        return f"Linked to {entry_id}."
    askers = "1 asker who asked" if told == 1 else f"{told} askers who asked"
    return f"Linked to {entry_id}. {askers} to hear back will be sent the answer in their chat."


def _queue_page(
    request: Request, session: DbSession, current: SignedIn, *, flash: str | None = None,
    error: str | None = None, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    report = find_gaps(session, gap_encoder(request), limit=GROUPS_SHOWN, examples=EXAMPLES_SHOWN)
    context = {
        "current": current, "title": "Review queue", "report": report,
        "entries": entry_ids(settings_of(request)), "may_link": current.user.may("review.link"),
        "flash": flash, "error": error,
    }  # fmt: skip
    return render("review.html", context, status_code=status_code)
