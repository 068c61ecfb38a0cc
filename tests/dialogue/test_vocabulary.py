from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.dialogue.vocabulary import (
    COUNTRY_NAMES,
    PLATFORM_NAMES,
    canonical_platform,
    extract_url,
    find_country,
    find_platform,
    platform_from_url,
)
from bot.settings import PROJECT_ROOT

NLU = PROJECT_ROOT / "nlu_data"


@pytest.mark.parametrize(
    ("text", "code"),
    [("I live in Egypt", "EG"), ("أعيش بمصر", "EG"), ("من السعودية", "SA"), ("في الأردن", "JO"),
     ("saudi arabia", "SA"), ("united kingdom please", "GB"), ("nowhere", None)],
)  # fmt: skip
def test_find_country_in_both_languages(text: str, code: str | None) -> None:
    assert find_country(text) == code


def test_platforms_from_names_and_links() -> None:
    assert find_platform("saw it on تيك توك") == "tiktok"
    assert find_platform("https://t.me/somechannel/12") == "telegram"
    assert platform_from_url("https://www.youtube.com/watch?v=x") == "youtube"
    assert platform_from_url("example.org/page") is None
    assert canonical_platform("Twitter") == "x"


def test_extract_url_strips_trailing_punctuation() -> None:
    assert extract_url("look: https://t.me/abc.") == "https://t.me/abc"
    assert extract_url("t.me/abc is bad") is None or extract_url("t.me/abc is bad") == "t.me/abc"
    assert extract_url("no link here") is None


def _synonyms() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for lang in ("en", "ar"):
        for block in yaml.safe_load((NLU / lang / "synonyms.yml").read_text())["nlu"]:
            names = {line[2:].strip() for line in block["examples"].splitlines() if line.strip()}
            found.setdefault(block["synonym"], set()).update(names)
    return found


def test_nlu_synonyms_follow_the_vocabulary_table() -> None:
    synonyms = _synonyms()
    for table in (COUNTRY_NAMES, PLATFORM_NAMES):
        for code, names in table.items():
            assert set(names) - {code} <= synonyms.get(code, set()), code


def test_every_lookup_name_is_in_the_vocabulary(tmp_path: Path) -> None:
    known = {name for names in COUNTRY_NAMES.values() for name in names}
    known |= {name for names in PLATFORM_NAMES.values() for name in names}
    for lang in ("en", "ar"):
        for path in (NLU / lang).glob("*.yml"):
            for block in yaml.safe_load(path.read_text()).get("nlu", []):
                if "lookup" in block:
                    names = [
                        line[2:].strip() for line in block["examples"].splitlines() if line.strip()
                    ]
                    missing = [
                        n for n in names if n not in known and n.removeprefix("ال") not in known
                    ]
                    assert not missing, (path.name, missing)
