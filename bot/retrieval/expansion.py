"""Query expansion from groups of equivalent terms (the knowledge base's glossary).

A dense encoder crosses languages only roughly (cross-lingual recall@1 0.674 for
``use`` before the glossary) and BM25 not at all. When a query contains a term of a
group — matched on BM25 tokens, so spelling variants and inflections count — the
group's other tokens join the BM25 query at ``FusionParams.expansion_weight``.
Dense scoring is left alone: blending the terms into the query vector lost recall.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.retrieval.normalize import tokenize


class QueryExpansion:
    """Extra BM25 tokens for a query, from groups of terms that mean the same."""

    def __init__(self, groups: Sequence[Sequence[str]] = ()) -> None:
        self.groups = [list(group) for group in groups]
        self._group_tokens: list[list[str]] = []
        # first token -> (the term's tokens, its group), so a query looks up only its own words
        self._terms: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for number, group in enumerate(self.groups):
            term_tokens = [tuple(tokenize(term)) for term in group]
            self._group_tokens.append(list(dict.fromkeys(t for term in term_tokens for t in term)))
            for tokens in term_tokens:
                if tokens:
                    self._terms.setdefault(tokens[0], []).append((tokens, number))

    def __bool__(self) -> bool:
        return bool(self.groups)

    def matched_groups(self, tokens: Sequence[str]) -> list[int]:
        """Groups with a term that occurs in ``tokens`` as a contiguous run, in group order."""
        found: set[int] = set()
        for start, token in enumerate(tokens):
            for term, group in self._terms.get(token, ()):
                if tuple(tokens[start : start + len(term)]) == term:
                    found.add(group)
        return sorted(found)

    def extra_tokens(self, tokens: Sequence[str]) -> list[str]:
        """The matched groups' tokens that the query does not already contain."""
        present = set(tokens)
        extra: dict[str, None] = {}
        for group in self.matched_groups(tokens):
            extra.update((t, None) for t in self._group_tokens[group] if t not in present)
        return list(extra)
