"""QueryExpansion: a glossary term in the query adds its group's other words."""

from __future__ import annotations

from bot.retrieval.expansion import QueryExpansion
from bot.retrieval.normalize import tokenize

GROUPS = [
    ["التكفير", "takfir", "declare a disbeliever"],
    ["الرحمة", "mercy"],
    ["دار الحرب", "abode of war"],
]


def extra(query: str) -> list[str]:
    return QueryExpansion(GROUPS).extra_tokens(tokenize(query))


def test_a_term_brings_the_other_language_of_its_group() -> None:
    assert extra("ما حكم التكفير؟") == tokenize("takfir declare a disbeliever")


def test_spelling_variants_and_inflections_match() -> None:
    """Matching is on BM25 tokens: no article, no diacritics, stemmed English."""
    assert set(tokenize("الرحمة")) <= set(extra("Is Islam about MERCY?"))
    assert set(tokenize("mercy")) <= set(extra("رحمةٌ"))


def test_a_multi_word_term_must_appear_in_order() -> None:
    assert extra("is canada an abode of war") == tokenize("دار الحرب")
    assert extra("war abode") == []


def test_words_already_in_the_query_are_not_added_again() -> None:
    assert extra("takfir or التكفير") == tokenize("declare a disbeliever")


def test_queries_without_glossary_terms_and_empty_glossaries_add_nothing() -> None:
    assert extra("what time is it") == []
    empty = QueryExpansion()
    assert not empty and empty.extra_tokens(tokenize("takfir")) == []
