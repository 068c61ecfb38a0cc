"""The benchmark's private stack: its settings match the children's environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.bench.hiwar_stack import ModelMissing, bench_stack, child_env, seed_model
from bot.process.rasa_project import RasaProject
from bot.process.stack import stack_specs
from bot.settings import Settings


def test_bench_settings_are_what_the_children_read_from_their_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stack = bench_stack(Settings(var_dir=tmp_path / "var"))
    for name, value in stack.env_overrides.items():
        monkeypatch.setenv(name, value)
    children_see = Settings()

    assert children_see.var_dir == stack.settings.var_dir == tmp_path / "var" / "bench" / "hiwar"
    assert children_see.rasa.port == stack.settings.rasa.port
    assert children_see.rasa.action_port == stack.settings.rasa.action_port
    assert children_see.web.port == stack.settings.web.port
    assert children_see.rasa.server_urls() == stack.settings.rasa.server_urls()
    assert children_see.web.ip_rate_per_minute == children_see.web.session_rate_per_minute == 0
    assert stack.gateway_url == f"http://127.0.0.1:{stack.settings.web.port}"


def test_a_configured_replica_list_is_not_benchmarked_by_accident(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path, rasa={"urls": ["http://10.0.0.5:5005"]})
    assert bench_stack(settings).settings.rasa.server_urls()[0].startswith("http://127.0.0.1:")


def test_with_replicas_the_gateway_is_told_every_private_replica(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIWAR_RASA__URLS", '["http://10.0.0.5:5005"]')
    settings = Settings(var_dir=tmp_path, rasa={"replicas": 2, "lock_store_url": "redis://x/0"})
    stack = bench_stack(settings)
    gateway = next(
        s for s in stack_specs(stack.settings, project(tmp_path, "m")) if s.name == "gateway"
    )
    env = child_env(gateway, stack.env_overrides)
    port = stack.settings.rasa.port
    assert json.loads(env["HIWAR_RASA__URLS"]) == [
        f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port + 1}",
    ]  # fmt: skip
    assert env["HIWAR_VAR_DIR"] == str(stack.settings.var_dir)


def project(tmp_path: Path, name: str) -> RasaProject:
    nlu = tmp_path / "nlu_data"
    (nlu / "domain").mkdir(parents=True, exist_ok=True)
    (nlu / "config.yml").write_text("recipe: default.v1\n")
    return RasaProject(nlu, tmp_path / name, tmp_path / "rasa")


def train(project: RasaProject, content: bytes) -> None:
    project.models_dir.mkdir(parents=True, exist_ok=True)
    project.model_path.write_bytes(content)
    project.fingerprint_path.write_text(project.fingerprint())


def test_the_developers_model_is_copied_into_the_private_directory(tmp_path: Path) -> None:
    source, target = project(tmp_path, "models"), project(tmp_path, "bench-models")
    train(source, b"developer's model")
    seed_model(source, target)
    assert target.model_is_current()
    assert target.model_path.read_bytes() == b"developer's model"


def test_a_current_private_copy_is_kept(tmp_path: Path) -> None:
    source, target = project(tmp_path, "models"), project(tmp_path, "bench-models")
    train(target, b"private model")
    seed_model(source, target)
    assert target.model_path.read_bytes() == b"private model"


def test_no_current_model_anywhere_says_how_to_make_one(tmp_path: Path) -> None:
    source, target = project(tmp_path, "models"), project(tmp_path, "bench-models")
    train(source, b"old")
    (source.nlu_dir / "config.yml").write_text("recipe: default.v1\n# changed\n")
    with pytest.raises(ModelMissing, match="hiwar train"):
        seed_model(source, target)


def test_a_stale_model_is_used_only_when_allowed_and_is_marked(tmp_path: Path) -> None:
    source, target = project(tmp_path, "models"), project(tmp_path, "bench-models")
    train(source, b"yesterday's model")
    (source.nlu_dir / "config.yml").write_text("recipe: default.v1\n# edited since\n")

    assert seed_model(source, target, allow_stale=True) is True
    assert target.model_path.read_bytes() == b"yesterday's model"
    with pytest.raises(ModelMissing):  # a strict run does not take the marked copy for current
        seed_model(source, target)

    train(source, b"today's model")
    assert seed_model(source, target) is False
    assert target.model_path.read_bytes() == b"today's model"
