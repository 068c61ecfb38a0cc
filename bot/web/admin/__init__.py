"""The operations dashboard under /admin: server-rendered pages, signed-in users, roles.

Owns sign-in, sessions, CSRF, role checks and the pages (overview, reports triage,
review queue, knowledge status, campaigns, privacy export). Data comes from
bot.analytics, bot.reports, bot.review_queue, bot.knowledge, bot.outreach and
bot.privacy; this package holds no business rules of its own. Mount everything with
``app.include_router(admin.router)``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from bot.web.admin import campaigns, knowledge, login, overview, privacy, reports, review

STATIC_DIR = Path(__file__).resolve().parent / "static"

router = APIRouter()
for _module in (login, overview, reports, review, knowledge, campaigns, privacy):
    router.include_router(_module.router)


@router.get("/admin/static/admin.css", include_in_schema=False)
def read_admin_styles() -> FileResponse:
    """The dashboard's only stylesheet (the CSP allows no inline styles or scripts)."""
    return FileResponse(
        STATIC_DIR / "admin.css", media_type="text/css", headers={"Cache-Control": "max-age=300"}
    )
