"""Prometheus metrics of the gateway at ``/metrics``: requests, latencies, answers, reports.

``Metrics`` owns its own CollectorRegistry, so each app (and each test) counts alone
and nothing is registered at import time. ``MetricsMiddleware`` times every HTTP
request by its route template (``/api/reports/{reference}``, never the raw path, so
label values stay few). Other code counts domain events through ``metrics_of(app)``.
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.store.engine import SessionFactory

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
UNMATCHED = "unmatched"


class Metrics:
    """The gateway's counters and histograms in a registry of their own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "hiwar_http_requests", "HTTP requests handled by the gateway",
            ["method", "route", "status"], registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "hiwar_http_request_duration_seconds", "Time to answer an HTTP request",
            ["method", "route"], buckets=LATENCY_BUCKETS, registry=self.registry,
        )  # fmt: skip
        self.answers = Counter(
            "hiwar_answers", "Answers served from the knowledge base",
            ["lang", "channel"], registry=self.registry,
        )  # fmt: skip
        self.abstentions = Counter(
            "hiwar_abstentions", "Questions the bot declined to answer",
            ["lang", "channel"], registry=self.registry,
        )  # fmt: skip
        self.reports = Counter(
            "hiwar_reports", "Incitement reports filed, and status changes of cases",
            ["event"], registry=self.registry,
        )  # fmt: skip

    def count_answer(self, lang: str | None, channel: str | None) -> None:
        """One answer served."""
        self.answers.labels(lang or "unknown", channel or "unknown").inc()

    def count_abstention(self, lang: str | None, channel: str | None) -> None:
        """One abstention."""
        self.abstentions.labels(lang or "unknown", channel or "unknown").inc()

    def count_report(self, event: str = "filed") -> None:
        """One report event: ``filed``, or the status a case moved to (``verified``…)."""
        self.reports.labels(event).inc()

    def exposition(self) -> bytes:
        """The registry in Prometheus text format."""
        return generate_latest(self.registry)


def metrics_of(app: Any) -> Metrics | None:
    """The app's Metrics (``app.state.metrics``), or None when metrics are not set up."""
    return getattr(app.state, "metrics", None)


def route_template(scope: Scope) -> str:
    """The path template of the route that handled ``scope`` (bounded label values).

    The router records the matched route in the scope; no match means a 404.
    """
    route = scope.get("route")
    return str(getattr(route, "path", None) or UNMATCHED)


class MetricsMiddleware:
    """ASGI middleware counting and timing requests; add with ``app.add_middleware``."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_note_status)
        finally:
            route = route_template(scope)
            method = str(scope.get("method", "GET"))
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.latency.labels(method, route).observe(time.perf_counter() - started)


router = APIRouter(tags=["metrics"])


@router.get("/metrics", include_in_schema=False)
def read_metrics(request: Request) -> Response:
    """Prometheus text exposition of this gateway's metrics."""
    metrics = metrics_of(request.app)
    body = metrics.exposition() if metrics is not None else b""
    return Response(body, media_type=CONTENT_TYPE_LATEST)


def install_metrics(app: FastAPI, sessions: SessionFactory | None = None) -> Metrics:
    """Create the app's Metrics, add the middleware and the /metrics route; returns it.

    With ``sessions``, /metrics also reports totals read from the database at scrape
    time (answers and abstentions recorded by the action server, cases, queue length).
    """
    metrics = Metrics()
    if sessions is not None:
        from bot.web.store_metrics import StoreCollector

        metrics.registry.register(StoreCollector(sessions))
    app.state.metrics = metrics
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    app.include_router(router)
    return metrics
