"""Prometheus metrics: per-app registries, request counts by route template, domain counters."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.web.metrics import install_metrics, metrics_of


def _app() -> FastAPI:
    app = FastAPI()
    metrics = install_metrics(app)

    @app.get("/items/{item_id}")
    def read_item(item_id: int) -> dict[str, int]:
        metrics.count_answer("ar", "web")
        return {"id": item_id}

    return app


def test_requests_are_counted_by_route_template_and_status() -> None:
    with TestClient(_app()) as client:
        assert client.get("/items/1").status_code == 200
        assert client.get("/items/2").status_code == 200
        assert client.get("/items/x").status_code == 422
        assert client.get("/nowhere/<script>").status_code == 404
        text = client.get("/metrics").text
    assert (
        'hiwar_http_requests_total{method="GET",route="/items/{item_id}",status="200"} 2.0' in text
    )
    assert (
        'hiwar_http_requests_total{method="GET",route="/items/{item_id}",status="422"} 1.0' in text
    )
    assert 'route="unmatched",status="404"' in text and "<script>" not in text
    assert (
        'hiwar_http_request_duration_seconds_count{method="GET",route="/items/{item_id}"} 3.0'
        in text
    )


def test_domain_counters_are_exposed() -> None:
    app = _app()
    metrics = metrics_of(app)
    assert metrics is not None
    metrics.count_abstention("en", "telegram")
    metrics.count_report()
    metrics.count_report("verified")
    with TestClient(app) as client:
        client.get("/items/1")
        response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'hiwar_answers_total{channel="web",lang="ar"} 1.0' in text
    assert 'hiwar_abstentions_total{channel="telegram",lang="en"} 1.0' in text
    assert 'hiwar_reports_total{event="filed"} 1.0' in text
    assert 'hiwar_reports_total{event="verified"} 1.0' in text


def test_each_app_counts_alone() -> None:
    first, second = _app(), _app()
    with TestClient(first) as client:
        client.get("/items/1")
    with TestClient(second) as client:
        text = client.get("/metrics").text
    assert "hiwar_answers_total{" not in text


def test_metrics_route_without_setup_is_empty() -> None:
    app = FastAPI()
    from bot.web.metrics import router

    app.include_router(router)
    with TestClient(app) as client:
        assert client.get("/metrics").text == ""
