"""Static front end: the embeddable widget (widget.js, widget.css) and the demo page."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC_DIR = Path(__file__).resolve().parent / "static"
# Short cache: sites embedding the widget pick up a new release within minutes.
CACHE_HEADERS = {"Cache-Control": "public, max-age=300"}

router = APIRouter(tags=["widget"])


@router.get("/widget.js", include_in_schema=False)
async def read_widget_script() -> FileResponse:
    """The widget; embed with <script src=".../widget.js" data-lang="ar" defer>."""
    return FileResponse(
        STATIC_DIR / "widget.js", media_type="text/javascript", headers=CACHE_HEADERS
    )


@router.get("/widget.css", include_in_schema=False)
async def read_widget_styles() -> FileResponse:
    """The widget's styles, loaded by widget.js next to itself."""
    return FileResponse(STATIC_DIR / "widget.css", media_type="text/css", headers=CACHE_HEADERS)


@router.get("/", include_in_schema=False)
async def read_demo_page() -> FileResponse:
    """A sample page of the centre's site with the widget embedded."""
    return FileResponse(STATIC_DIR / "demo.html", media_type="text/html")
