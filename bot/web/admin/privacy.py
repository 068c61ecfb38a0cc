"""Data export on request (admins only): one person's data as a JSON download.

The admin enters the pseudonym, or the channel and the raw id the person gave (their
Telegram id, or the widget's session id shown in the chat's "about" panel), which is
pseudonymised here and never stored.
"""

from __future__ import annotations

import json
import re
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from bot.privacy.export import export_user_data, resolve_pseudonym
from bot.web.admin.auth import AdminRoute, SignedIn, check_csrf, require, settings_of
from bot.web.admin.templates import SECURITY_HEADERS, render
from bot.web.ops_deps import DbSession

router = APIRouter(prefix="/admin/privacy", route_class=AdminRoute, include_in_schema=False)
CHANNELS = ("", "telegram", "web")


@router.get("", response_class=HTMLResponse)
def read_privacy(current: Annotated[SignedIn, Depends(require("privacy"))]) -> HTMLResponse:
    """The export form."""
    context = {"current": current, "title": "Privacy", "channels": CHANNELS, "error": None}
    return render("privacy.html", context)


@router.post("/export")
def export_user(
    request: Request,
    session: DbSession,
    current: Annotated[SignedIn, Depends(require("privacy"))],
    identifier: Annotated[str, Form(max_length=200)] = "",
    channel: Annotated[str, Form(max_length=32)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Everything stored about one person, as an attachment (JSON)."""
    check_csrf(request, current, csrf_token)
    if channel not in CHANNELS or not identifier.strip():
        context = {
            "current": current, "title": "Privacy", "channels": CHANNELS,
            "error": "Enter a pseudonym, or a channel and the id the person gave.",
        }  # fmt: skip
        return render("privacy.html", context, status_code=422)
    pseudonym = resolve_pseudonym(settings_of(request), identifier, channel or None)
    data = export_user_data(settings_of(request), session, pseudonym)
    name = re.sub(r"[^A-Za-z0-9-]", "", pseudonym)[:12] or "user"
    headers = {
        **SECURITY_HEADERS,
        "Content-Disposition": f'attachment; filename="hiwar-export-{name}.json"',
    }
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return Response(body, media_type="application/json", headers=headers)
