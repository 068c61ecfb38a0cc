"""The knowledge status page: validation problems, drafts, the live index build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.knowledge.loader import read_knowledge
from bot.settings import PROJECT_ROOT, Settings
from tests.web.admin.conftest import Browser, browser_for


@pytest.fixture
def knowledge_dir(tmp_path: Path, settings: Settings) -> Path:
    """Two real entries plus one broken file whose content tries to inject markup."""
    directory = tmp_path / "knowledge"
    (directory / "entries").mkdir(parents=True)
    for name in ("killing-civilians", "meaning-of-jihad"):
        shutil.copy(PROJECT_ROOT / "knowledge" / "entries" / f"{name}.yaml", directory / "entries")
    (directory / "entries" / "broken.yaml").write_text("id: <script>x</script>\n", "utf-8")
    settings.knowledge_dir = directory
    return directory


def _publish_index(settings: Settings, content_hash: str) -> None:
    index = settings.index_dir
    index.mkdir(parents=True)
    config = {"encoder": "hashing", "build_time": "2026-12-06T10:00:00Z", "n_items": 2,
              "content_hash": content_hash}  # fmt: skip
    (index / "config.json").write_text(json.dumps(config), "utf-8")


def test_problems_and_drafts_are_listed_escaped(
    as_admin: Browser, knowledge_dir: Path, settings: Settings
) -> None:
    response = as_admin.client.get("/admin/knowledge")
    assert response.status_code == 200
    page = response.text
    assert "knowledge/entries/broken.yaml" in page
    assert "<script>x</script>" not in page
    assert "No index has been built yet" in page
    assert "killing-civilians" in page and "meaning-of-jihad" in page  # drafts awaiting review


def test_index_build_is_compared_with_the_files(
    as_admin: Browser, knowledge_dir: Path, settings: Settings
) -> None:
    knowledge, _ = read_knowledge(knowledge_dir)
    _publish_index(settings, knowledge.content_hash)
    page = as_admin.client.get("/admin/knowledge").text
    assert "2026-12-06T10:00:00Z" in page and "<dd>yes</dd>" in page
    (knowledge_dir / "entries" / "broken.yaml").unlink()  # the files change: index is stale
    page = as_admin.client.get("/admin/knowledge").text
    assert "knowledge/entries/broken.yaml" not in page
    assert "run <code>hiwar kb build</code>" in page


def test_shipped_knowledge_renders(as_admin: Browser) -> None:
    response = as_admin.client.get("/admin/knowledge")
    assert response.status_code == 200
    assert "drafts awaiting review" in response.text


def test_focal_points_may_not_open_it(client: TestClient) -> None:
    browser_for(client, "fp")
    assert client.get("/admin/knowledge").status_code == 403
