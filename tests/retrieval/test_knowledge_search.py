"""KnowledgeSearcher decisions, language, index lifecycle and hot reload."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.knowledge.model import Entry, KnowledgeBase, OutOfScopeTopic, TermGroup
from bot.retrieval.calibration import Calibration, load_calibration, save_calibration
from bot.retrieval.encoders import HashingEncoder
from bot.retrieval.fusion import FusionParams
from bot.retrieval.index import SearchIndex
from bot.retrieval.items import Hit
from bot.retrieval.knowledge_search import (
    Candidate,
    KnowledgeSearcher,
    SearchAids,
    decide_from_hits,
    index_content_hash,
    knowledge_index,
    knowledge_items,
)
from bot.retrieval.storage import current_target, publish
from bot.settings import RetrievalSettings, Settings

from .conftest import FIXTURES, make_entry


@pytest.fixture
def searcher(
    entries: list[Entry], encoder: HashingEncoder, calibration: Calibration
) -> KnowledgeSearcher:
    return KnowledgeSearcher(SearchIndex.build(knowledge_items(entries), encoder), calibration)


def test_items_hold_phrasings_densely_and_answers_lexically(entries: list[Entry]) -> None:
    item = knowledge_items(entries)[0]
    assert len(item.texts) == 6 and len(item.lexical_texts) == 2
    only_en = knowledge_items(entries, langs=("en",))[0]
    assert all(text.isascii() for text in only_en.texts)


def test_the_glossary_widens_queries_of_a_knowledge_index(
    entries: list[Entry], encoder: HashingEncoder
) -> None:
    """An English-only index: "الردة" shares no word with it until the glossary links it."""
    glossary = [TermGroup({"ar": ("الردة",), "en": ("apostasy", "leaves Islam")})]
    plain = knowledge_index(entries, encoder, langs=("en",))
    widened = knowledge_index(entries, encoder, SearchAids(glossary=glossary), langs=("en",))
    assert {hit.lexical for hit in plain.search("حكم الردة", k=5)} == {0.0}
    widened.fusion = FusionParams("lexical")  # the hashing encoder's dense scores are noise
    assert widened.search("حكم الردة", k=1)[0].id == "apostasy"
    assert widened.expansion.groups == [["الردة", "apostasy", "leaves Islam"]]


def test_items_group_phrasings_by_language_for_centroids(entries: list[Entry]) -> None:
    item = knowledge_items(entries)[0]
    assert sorted(item.text_groups) == ["ar"] * 3 + ["en"] * 3
    assert len(item.text_groups) == len(item.texts)
    index = SearchIndex.build(knowledge_items(entries), HashingEncoder())
    assert index.config["n_centroids"] == 2 * len(entries)


def test_close_phrasing_is_answered(searcher: KnowledgeSearcher) -> None:
    decision = searcher.decide("Is killing civilians jihad?")
    assert decision.kind == "answer" and decision.lang == "en"
    assert decision.candidates[0].entry_id == "killing-civilians"


def test_answer_language_follows_the_user(searcher: KnowledgeSearcher) -> None:
    decision = searcher.decide("هل الإسلام دين رحمة؟")
    assert decision.kind == "answer" and decision.lang == "ar"
    assert decision.candidates[0].entry_id == "mercy-in-islam"


def test_unrelated_message_is_abstained(searcher: KnowledgeSearcher) -> None:
    assert searcher.decide("what is the weather tomorrow").kind == "abstain"


def test_middling_score_asks_to_clarify_and_strict_abstains(searcher: KnowledgeSearcher) -> None:
    loose = searcher.decide("how to leave the group")
    assert loose.kind == "clarify" and loose.candidates[0].entry_id == "leaving-a-group"
    assert searcher.decide("how to leave the group", strict=True).kind == "abstain"
    assert searcher.decide("Is killing civilians jihad?", strict=True).kind == "answer"


def test_close_runners_up_become_choices(calibration: Calibration) -> None:
    hits = [Hit("a", 0.90, "x"), Hit("b", 0.88, "y"), Hit("c", 0.86, "z"), Hit("d", 0.5, "w")]
    kind, candidates = decide_from_hits(hits, calibration)
    assert kind == "clarify" and [c.entry_id for c in candidates] == ["a", "b", "c"]
    kind, _ = decide_from_hits([Hit("a", 0.9, "x"), Hit("b", 0.7, "y")], calibration)
    assert kind == "answer"
    assert decide_from_hits([], calibration) == ("abstain", [])


WEATHER = OutOfScopeTopic(
    "everyday-life",
    {
        "en": ("what is the weather tomorrow", "will it rain today", "weather forecast"),
        "ar": ("كيف الطقس بكرة", "هل ستمطر اليوم", "حالة الطقس"),
    },
)


def test_nearest_to_an_out_of_scope_example_is_abstained_whatever_the_score(
    calibration: Calibration,
) -> None:
    hits = [Hit("out-of-scope:weather", 0.95, "x"), Hit("a", 0.9, "y"), Hit("b", 0.5, "z")]
    kind, candidates = decide_from_hits(hits, calibration)
    assert kind == "abstain" and [c.entry_id for c in candidates] == ["a", "b"]


def test_out_of_scope_hits_below_the_top_are_not_choices(calibration: Calibration) -> None:
    hits = [Hit("a", 0.90, "x"), Hit("out-of-scope:weather", 0.89, "y"), Hit("b", 0.5, "z")]
    assert decide_from_hits(hits, calibration) == (
        "answer",
        [Candidate("a", 0.90), Candidate("b", 0.5)],
    )


def test_out_of_scope_examples_are_indexed_beside_the_entries(
    entries: list[Entry], encoder: HashingEncoder, calibration: Calibration
) -> None:
    index = knowledge_index(entries, encoder, SearchAids(out_of_scope=(WEATHER,)))
    assert "out-of-scope:everyday-life" in index.item_ids
    searcher = KnowledgeSearcher(index, calibration)
    assert searcher.rank("will it rain today?", k=1)[0].id == "out-of-scope:everyday-life"
    decision = searcher.decide("will it rain today?")
    assert decision.kind == "abstain" and decision.out_of_scope == "everyday-life"
    assert decision.candidates and all(
        not c.entry_id.startswith("out-of-scope:") for c in decision.candidates
    )
    assert searcher.decide("Is killing civilians jihad?").out_of_scope is None
    assert searcher.decide("Is killing civilians jihad?").kind == "answer"


def test_missing_calibration_file_uses_documented_defaults(tmp_path: Path) -> None:
    defaults = load_calibration(tmp_path / "absent.json", "use-m3")
    assert defaults.source == "defaults" and defaults.encoder == "use-m3"
    generic = load_calibration(tmp_path / "absent.json", "some-other-encoder")
    assert generic.thresholds.abstain > 0 and generic.encoder == "some-other-encoder"


def test_calibrations_are_kept_per_encoder(tmp_path: Path, calibration: Calibration) -> None:
    path = tmp_path / "calibration.json"
    save_calibration(replace(calibration, source="first"), path)
    other = replace(calibration, encoder="use-m3", source="second")
    save_calibration(other, path)
    assert load_calibration(path, "hashing-256-3").source == "first"
    assert load_calibration(path, "use-m3").source == "second"
    assert load_calibration(path, "e5-small-q4").source == "defaults"


def test_a_broken_calibration_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "calibration.json"
    path.write_text('{"schema": 1}')
    with pytest.raises(ValueError, match="calibration.json: not a calibration file"):
        load_calibration(path, "use-m3")


def _settings(tmp_path: Path) -> Settings:
    retrieval = RetrievalSettings(encoder="hashing", calibration_file=FIXTURES / "calibration.json")
    return Settings(var_dir=tmp_path, retrieval=retrieval)


def test_from_settings_builds_publishes_then_reuses(kb: KnowledgeBase, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    first = KnowledgeSearcher.from_settings(settings, kb)
    target = current_target(tmp_path / "index")
    assert target and first.index.config["content_hash"] == index_content_hash(kb, True)
    second = KnowledgeSearcher.from_settings(settings, kb)
    assert current_target(tmp_path / "index") == target
    assert second.decide("Is killing civilians jihad?").kind == "answer"


def test_changed_knowledge_triggers_a_rebuild(kb: KnowledgeBase, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    KnowledgeSearcher.from_settings(settings, kb)
    before = current_target(tmp_path / "index")
    changed = KnowledgeBase(entries=kb.entries[:2], content_hash="fixture-hash-2")
    searcher = KnowledgeSearcher.from_settings(settings, changed)
    assert current_target(tmp_path / "index") != before
    assert searcher.index.config["n_items"] == 2


def test_reload_swaps_in_a_published_index(kb: KnowledgeBase, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    searcher = KnowledgeSearcher.from_settings(settings, kb)
    old_index = searcher.index
    assert searcher.reload_if_changed() is False
    extra = make_entry("dar-al-harb", ["Is my country dar al-harb?"], ["هل بلدي دار حرب؟"])
    items = knowledge_items([*kb.entries, extra])
    publish(SearchIndex.build(items, HashingEncoder(), "fixture-hash-3"), tmp_path / "index")
    assert searcher.reload_if_changed() is True
    assert searcher.index is not old_index and old_index.search("mercy")  # old still usable
    assert searcher.decide("Is my country dar al-harb?").candidates[0].entry_id == "dar-al-harb"
