"""Domain errors of the operations side, each carrying the HTTP status it maps to.

The web layer turns any ``OperationsError`` into ``{"error": code, "detail": message}``
with ``http_status``; nothing else decides status codes.
"""

from __future__ import annotations


class OperationsError(Exception):
    """Base class: a readable message plus the status code the API answers with."""

    http_status = 400
    code = "bad_request"


class InvalidReport(OperationsError):
    """A field is missing, too long or malformed; the message names the field and limit."""

    http_status = 422
    code = "invalid_report"


class InvalidUrl(InvalidReport):
    """The URL field does not hold an http(s) link."""

    code = "invalid_url"


class NotFound(OperationsError):
    """No case with that reference (or the caller may not know it exists)."""

    http_status = 404
    code = "not_found"


class ConflictError(OperationsError):
    """The case changed since the caller read it (stale version); re-read and retry."""

    http_status = 409
    code = "conflict"


class InvalidTransition(OperationsError):
    """The workflow does not allow this status change (e.g. dismissed → shared)."""

    http_status = 409
    code = "invalid_transition"


class Unauthorized(OperationsError):
    """Missing, unknown or revoked API token."""

    http_status = 401
    code = "unauthorized"


class Forbidden(OperationsError):
    """A valid token asking for something outside its scope (another country)."""

    http_status = 403
    code = "forbidden"


class DatabaseUnavailable(OperationsError):
    """The database cannot be reached and the request could not be spooled."""

    http_status = 503
    code = "database_unavailable"
