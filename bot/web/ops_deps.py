"""Dependencies of the operations API: a database session, the calling focal point, and
the one place where operations errors become HTTP answers.

The session factory is taken from ``app.state.db_sessions`` (the gateway sets it at
start-up); when absent it is built once from ``app.state.settings`` on first use.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Coroutine, Iterator
from typing import Annotated, Any

from fastapi import Depends, Header, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from bot.reports.errors import DatabaseUnavailable, OperationsError, Unauthorized
from bot.reports.focal_points import authenticate
from bot.store.engine import SessionFactory, build_session_factory
from bot.store.models import FocalPoint

logger = logging.getLogger(__name__)
_factory_lock = threading.Lock()


def operations_error_response(error: OperationsError) -> JSONResponse:
    """``{"error": code, "detail": message}`` with the error's status (401 names the scheme)."""
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, Unauthorized) else None
    return JSONResponse(
        {"error": error.code, "detail": str(error)}, status_code=error.http_status, headers=headers
    )


class OperationsRoute(APIRoute):
    """Routes whose domain errors (raised in handlers or dependencies) map to their status."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """FastAPI's handler, wrapped so OperationsError and database failures get their status."""
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except OperationsError as error:
                return operations_error_response(error)
            except DBAPIError:
                logger.exception("database error in %s", request.url.path)
                return operations_error_response(
                    DatabaseUnavailable("the reports database is unavailable; retry later")
                )

        return handle


def session_factory(request: Request) -> SessionFactory:
    """The gateway's session factory, built from its settings on first use if not set."""
    state = request.app.state
    with _factory_lock:
        if getattr(state, "db_sessions", None) is None:
            state.db_sessions = build_session_factory(state.settings)
    return state.db_sessions  # type: ignore[no-any-return]


def get_db_session(request: Request) -> Iterator[Session]:
    """One session per request, closed (and rolled back if uncommitted) afterwards."""
    with session_factory(request)() as session:
        yield session


DbSession = Annotated[Session, Depends(get_db_session)]


def get_focal_point(
    session: DbSession, authorization: Annotated[str | None, Header()] = None
) -> FocalPoint:
    """The focal point whose ``Authorization: Bearer`` token came with the request."""
    scheme, _, token = (authorization or "").partition(" ")
    try:
        return authenticate(session, token.strip() if scheme.lower() == "bearer" else None)
    except DBAPIError as error:
        raise DatabaseUnavailable("the reports database is unavailable; retry later") from error


FocalPointAuth = Annotated[FocalPoint, Depends(get_focal_point)]
