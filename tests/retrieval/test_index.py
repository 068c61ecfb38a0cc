"""SearchIndex: build, search, filters, save/load, refusal, atomic publication."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from bot.retrieval.encoders import HashingEncoder
from bot.retrieval.fusion import FusionParams
from bot.retrieval.index import IndexMismatchError, SearchIndex
from bot.retrieval.items import Item
from bot.retrieval.storage import CURRENT, current_target, publish

ITEMS = [
    Item("civilians", ["Is killing civilians allowed?", "قتل المدنيين"], {"topic": "war"}),
    Item("mercy", ["Is Islam a religion of mercy?", "الرحمة"], {"topic": "ethics"}),
    Item(
        "envoys", ["Can envoys be killed?"], {"topic": "war"}, lexical_texts=["Dabiq ambassadors"]
    ),
]


@pytest.fixture
def index(encoder: HashingEncoder) -> SearchIndex:
    return SearchIndex.build(ITEMS, encoder, content_hash="hash-a")


def test_search_groups_units_per_item(index: SearchIndex) -> None:
    hits = index.search("killing civilians", k=10)
    assert [hit.id for hit in hits][0] == "civilians"
    assert len({hit.id for hit in hits}) == len(hits) == 3
    assert hits[0].matched_text == "Is killing civilians allowed?"
    assert hits[0].score >= hits[1].score >= hits[2].score


def test_search_respects_k_and_filters(index: SearchIndex) -> None:
    assert len(index.search("mercy", k=1)) == 1
    hits = index.search("mercy", k=10, filters={"topic": "war"})
    assert {hit.id for hit in hits} == {"civilians", "envoys"}
    assert index.search("mercy", filters={"topic": {"none"}}) == []


def test_lexical_only_texts_are_found_by_bm25(index: SearchIndex) -> None:
    hit = index.search("Dabiq", k=1)[0]
    assert hit.id == "envoys" and hit.lexical > 0
    assert index.config["n_units"] == 6 and index.config["n_dense_units"] == 5


def test_fusion_methods_change_scores_not_grouping(index: SearchIndex) -> None:
    index.fusion = FusionParams("rrf", rrf_k=60)
    rrf = index.search("mercy", k=3)
    index.fusion = FusionParams("dense")
    dense = index.search("mercy", k=3)
    assert rrf[0].id == dense[0].id == "mercy"
    assert dense[0].score == pytest.approx(dense[0].dense)


def test_build_refuses_items_without_text(encoder: HashingEncoder) -> None:
    with pytest.raises(ValueError, match="without any text"):
        SearchIndex.build([Item("empty", ["  "])], encoder)


def test_save_and_load_round_trip(
    index: SearchIndex, encoder: HashingEncoder, tmp_path: Path
) -> None:
    index.save(tmp_path)
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["encoder"] == encoder.name and config["dim"] == encoder.dim
    assert config["content_hash"] == "hash-a" and config["n_units"] == 6
    assert {"build_time", "fusion"} <= set(config)
    loaded = SearchIndex.load(tmp_path, encoder, expected_content_hash="hash-a")
    assert loaded.search("الرحمة", k=3) == index.search("الرحمة", k=3)


def test_load_refuses_another_encoder(index: SearchIndex, tmp_path: Path) -> None:
    index.save(tmp_path)
    with pytest.raises(
        IndexMismatchError, match="built with encoder 'hashing-256-3'.*hashing-64-3"
    ):
        SearchIndex.load(tmp_path, HashingEncoder(dim=64))


def test_load_refuses_other_content(
    index: SearchIndex, encoder: HashingEncoder, tmp_path: Path
) -> None:
    index.save(tmp_path)
    with pytest.raises(IndexMismatchError, match="knowledge is now 'hash-b'"):
        SearchIndex.load(tmp_path, encoder, expected_content_hash="hash-b")


def test_load_of_a_missing_index_is_a_mismatch(encoder: HashingEncoder, tmp_path: Path) -> None:
    with pytest.raises(IndexMismatchError, match="config.json missing"):
        SearchIndex.load(tmp_path / "nothing", encoder)


def test_publish_swaps_the_current_symlink(
    index: SearchIndex, encoder: HashingEncoder, tmp_path: Path
) -> None:
    first = publish(index, tmp_path)
    assert current_target(tmp_path) == first.name
    second = publish(SearchIndex.build(ITEMS[:1], encoder, "hash-b"), tmp_path)
    assert current_target(tmp_path) == second.name != first.name
    assert os.path.islink(tmp_path / CURRENT)
    assert SearchIndex.load(tmp_path / CURRENT, encoder, "hash-b").config["n_items"] == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_publish_keeps_only_recent_builds(index: SearchIndex, tmp_path: Path) -> None:
    for _ in range(5):
        latest = publish(index, tmp_path)
    builds = [p for p in tmp_path.iterdir() if p.is_dir() and not p.is_symlink()]
    assert len(builds) == 3 and latest in builds


def test_unit_top_k_averages_an_items_best_phrasings(
    index: SearchIndex, encoder: HashingEncoder
) -> None:
    query = "killing civilians"
    vectors = encoder.encode_passages(list(ITEMS[0].texts))
    cosines = sorted((vectors @ encoder.encode_queries([query])[0]).tolist(), reverse=True)
    index.fusion = FusionParams("dense", unit_top_k=2)
    hit = next(h for h in index.search(query, k=3) if h.id == "civilians")
    assert hit.dense == pytest.approx(sum(cosines[:2]) / 2, abs=1e-5)
    assert hit.matched_text == "Is killing civilians allowed?"


def test_small_candidate_pool_scores_every_unit_of_a_candidate(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.fusion = FusionParams("weighted", unit_top_k=2)
    exact = index.search("killing civilians mercy", k=3)
    monkeypatch.setattr("bot.retrieval.index.CANDIDATE_POOL", 1)
    pooled = index.search("killing civilians mercy", k=3)
    assert pooled[0] == exact[0]
    assert pooled[0].dense == pytest.approx(exact[0].dense)


def test_fusion_params_without_unit_top_k_keep_the_best_unit() -> None:
    old = {"method": "weighted", "lexical_weight": 0.5, "lexical_saturation": 16.0, "rrf_k": 60}
    assert FusionParams.from_dict(old).unit_top_k == 1


GROUPED = [
    Item(
        "civilians",
        ["Is killing civilians allowed?", "May civilians be targeted?", "قتل المدنيين"],
        text_groups=["en", "en", "ar"],
    ),
    Item("mercy", ["Is Islam a religion of mercy?", "mercy in islam"], text_groups=["en", "en"]),
]


def test_build_adds_one_centroid_per_group_of_two(encoder: HashingEncoder) -> None:
    index = SearchIndex.build(GROUPED, encoder)
    assert index.config["n_centroids"] == 2  # the lone Arabic phrasing gets none
    assert [index.units[u].text for u in index.centroid_units] == [
        "Is killing civilians allowed?",
        "Is Islam a religion of mercy?",
    ]
    vectors = encoder.encode_passages(["Is Islam a religion of mercy?", "mercy in islam"])
    mean = vectors.mean(axis=0) / np.linalg.norm(vectors.mean(axis=0))
    stored = index._dense.reconstruct(index._dense.ntotal - 1)
    assert stored == pytest.approx(mean, abs=1e-6)


def test_centroid_is_blended_into_the_dense_score(encoder: HashingEncoder) -> None:
    index = SearchIndex.build(GROUPED, encoder)
    query = "mercy"
    query_vector = encoder.encode_queries([query])[0]
    texts = list(GROUPED[1].texts)
    cosines = encoder.encode_passages(texts) @ query_vector
    centroid = index._dense.reconstruct(index._dense.ntotal - 1) @ query_vector
    index.fusion = FusionParams("dense", unit_top_k=1, centroid_weight=0.25)
    hit = next(h for h in index.search(query, k=2) if h.id == "mercy")
    assert hit.dense == pytest.approx(0.75 * max(cosines) + 0.25 * centroid, abs=1e-5)
    assert hit.matched_text in texts  # a centroid never shows as the matched text
    index.fusion = FusionParams("dense", unit_top_k=1, centroid_weight=0.0)
    assert index.search(query, k=2)[0].dense == pytest.approx(max(cosines), abs=1e-5)


def test_centroids_survive_save_and_load(encoder: HashingEncoder, tmp_path: Path) -> None:
    index = SearchIndex.build(GROUPED, encoder)
    index.save(tmp_path)
    loaded = SearchIndex.load(tmp_path, encoder)
    assert loaded.centroid_units == index.centroid_units
    assert loaded._dense.ntotal == index._dense.ntotal == 5 + 2
    assert loaded.search("mercy", k=2) == index.search("mercy", k=2)


def test_small_candidate_pool_still_blends_centroids(
    encoder: HashingEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = SearchIndex.build(GROUPED, encoder)
    exact = index.search("mercy civilians", k=2)
    monkeypatch.setattr("bot.retrieval.index.CANDIDATE_POOL", 1)
    assert index.search("mercy civilians", k=2)[0] == exact[0]


def test_build_names_an_item_with_mislabelled_groups(encoder: HashingEncoder) -> None:
    with pytest.raises(ValueError, match="'bad': 1 text_groups for 2 texts"):
        SearchIndex.build([Item("bad", ["one", "two"], text_groups=["en"])], encoder)


SYNONYMS = [["ambassadors", "سفراء"], ["mercy", "الرحمة"]]


def test_synonyms_let_bm25_cross_languages(encoder: HashingEncoder) -> None:
    """Without the group the Arabic word shares no token with the English-only item."""
    plain = SearchIndex.build(ITEMS, encoder)
    expanded = SearchIndex.build(ITEMS, encoder, synonyms=SYNONYMS)
    assert {hit.lexical for hit in plain.search("سفراء", k=3)} == {0.0}
    hit = expanded.search("سفراء", k=3)[0]
    assert hit.id == "envoys" and hit.lexical > 0.0
    expanded.fusion = FusionParams(expansion_weight=0.0)
    assert {hit.lexical for hit in expanded.search("سفراء", k=3)} == {0.0}


def test_synonyms_survive_save_and_load(encoder: HashingEncoder, tmp_path: Path) -> None:
    SearchIndex.build(ITEMS, encoder, synonyms=SYNONYMS).save(tmp_path)
    loaded = SearchIndex.load(tmp_path, encoder)
    assert loaded.expansion.groups == SYNONYMS
    assert loaded.config["n_synonym_groups"] == 2
    assert loaded.search("سفراء", k=1)[0].id == "envoys"
