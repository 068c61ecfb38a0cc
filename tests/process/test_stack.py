"""`hiwar run` with ``rasa.replicas``: one Rasa per port, the gateway told every URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.process.rasa_project import RasaProject
from bot.process.stack import gateway_spec, rasa_server_specs, stack_specs
from bot.process.supervisor import StartupError
from bot.settings import RasaSettings, Settings

LOCK_STORE = "redis://127.0.0.1:6379/3"


def settings_with(tmp_path: Path, **rasa: object) -> Settings:
    return Settings(var_dir=tmp_path / "var", rasa=RasaSettings(port=6000, **rasa))  # type: ignore[arg-type]


def project(tmp_path: Path) -> RasaProject:
    return RasaProject(tmp_path / "nlu_data", tmp_path / "models", tmp_path / "rasa")


def test_one_replica_is_the_default_stack(tmp_path: Path) -> None:
    settings = settings_with(tmp_path)

    names = [spec.name for spec in stack_specs(settings, project(tmp_path))]

    assert names[:3] == ["rasa", "action-server", "gateway"]
    assert gateway_spec(settings).env is None


def test_replicas_get_consecutive_ports_and_the_gateway_gets_every_url(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, replicas=3, lock_store_url=LOCK_STORE)

    specs = rasa_server_specs(settings, project(tmp_path))
    gateway_env = gateway_spec(settings).env or {}

    assert [spec.name for spec in specs] == ["rasa", "rasa-2", "rasa-3"]
    ports = [spec.command[spec.command.index("--port") + 1] for spec in specs]
    assert ports == ["6000", "6001", "6002"]
    assert json.loads(gateway_env["HIWAR_RASA__URLS"]) == [
        "http://127.0.0.1:6000", "http://127.0.0.1:6001", "http://127.0.0.1:6002",
    ]  # fmt: skip


def test_each_replica_has_its_own_action_server(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, replicas=2, lock_store_url=LOCK_STORE, action_port=7000)

    specs = {spec.name: spec for spec in stack_specs(settings, project(tmp_path))}
    gateway_env = gateway_spec(settings).env or {}

    assert [name for name in specs if name.startswith("action-server")] == [
        "action-server", "action-server-2",
    ]  # fmt: skip
    assert specs["action-server-2"].health_url == "http://127.0.0.1:7001/health"
    endpoints = [
        (tmp_path / "var" / "rasa" / sub / "endpoints.yml").read_text() for sub in ("", "rasa-2")
    ]
    assert "127.0.0.1:7000/webhook" in endpoints[0] and "127.0.0.1:7001/webhook" in endpoints[1]
    assert json.loads(gateway_env["HIWAR_RASA__ACTION_URLS"]) == [
        "http://127.0.0.1:7000", "http://127.0.0.1:7001",
    ]  # fmt: skip


def test_explicit_urls_are_left_to_the_gateways_own_settings(tmp_path: Path) -> None:
    settings = settings_with(
        tmp_path, replicas=2, lock_store_url=LOCK_STORE, urls=["http://rasa.internal:5005"]
    )

    assert gateway_spec(settings).env is None


def test_several_replicas_without_a_lock_store_are_refused(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, replicas=2)

    with pytest.raises(StartupError, match="HIWAR_RASA__LOCK_STORE_URL"):
        rasa_server_specs(settings, project(tmp_path))


def test_the_gateway_reads_the_urls_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIWAR_RASA__URLS", '["http://127.0.0.1:6000", "http://127.0.0.1:6001"]')

    assert Settings().rasa.server_urls() == ["http://127.0.0.1:6000", "http://127.0.0.1:6001"]
