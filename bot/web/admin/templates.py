"""Jinja2 rendering for the dashboard: autoescape always on, strict headers on every page.

Everything a user or reporter wrote reaches the page only through ``{{ }}`` and is
escaped; nothing is marked safe. The CSP allows no script at all and only our own
stylesheet, so even a missed escape could not run code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The template environment, built on first render (not at import)."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def navigation(current: Any) -> list[tuple[str, str]]:
    """(path, label) of the pages the signed-in user may open."""
    from bot.web.admin.auth import PAGES

    if current is None:
        return []
    return [(path, label) for permission, path, label in PAGES if current.user.may(permission)]


def render(
    name: str,
    context: dict[str, Any],
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """A page from ``templates/<name>`` with the security headers."""
    current = context.get("current")
    full = {"nav": navigation(current), "title": "", "flash": None, **context}
    html = environment().get_template(name).render(**full)
    return HTMLResponse(html, status_code, headers={**SECURITY_HEADERS, **(headers or {})})
