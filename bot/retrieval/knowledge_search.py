"""KnowledgeSearcher: from a user's message to answer / clarify / abstain.

Every question phrasing and the answer text of both languages of each servable
entry become units of one SearchIndex; the calibrated thresholds turn the ranked
entries into a decision. Beside the entries the index holds the knowledge base's
out-of-scope example questions (a message nearest to one is abstained on, not
matched to the least-bad entry) and expands queries with its glossary. This module
reads the knowledge model but never renders or sends anything.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.knowledge.model import LANGS, Entry, KnowledgeBase, Lang, OutOfScopeTopic, TermGroup
from bot.retrieval.calibration import Calibration, load_calibration
from bot.retrieval.encoders import Encoder, build_encoder
from bot.retrieval.index import IndexMismatchError, SearchIndex
from bot.retrieval.items import Hit, Item
from bot.retrieval.language import answer_language
from bot.retrieval.storage import CURRENT, current_target, publish
from bot.settings import Settings

logger = logging.getLogger(__name__)
DecisionKind = Literal["answer", "clarify", "abstain"]
MAX_CHOICES = 3
# Item ids of out-of-scope topics; entry ids are slugs, so they cannot start like this.
OUT_OF_SCOPE_PREFIX = "out-of-scope:"


@dataclass(frozen=True)
class Candidate:
    """An entry and its fused score."""

    entry_id: str
    score: float


@dataclass(frozen=True)
class Decision:
    """What to do with a message.

    ``answer``: candidates[0] is the answer (any others are related suggestions);
    ``clarify``: candidates are the 1-3 choices to offer; ``abstain``: candidates are
    the nearest entries, context for the scholars' queue. ``lang`` is the user's.
    ``out_of_scope`` names the out-of-scope topic an abstention came from, if any.
    """

    kind: DecisionKind
    candidates: list[Candidate]
    lang: Lang
    out_of_scope: str | None = None


def knowledge_items(
    entries: Iterable[Entry], langs: Iterable[Lang] = LANGS, with_answers: bool = True
) -> list[Item]:
    """One item per entry: its phrasings (dense + BM25, one centroid per language) and
    answers (BM25) in ``langs``."""
    chosen = tuple(langs)
    items = []
    for entry in entries:
        questions, groups = _phrasings(entry.questions, chosen)
        answers = [entry.answer[lang] for lang in chosen if with_answers and entry.answer.get(lang)]
        metadata = {"topic": entry.topic, "status": str(entry.status)}
        items.append(Item(entry.id, questions, metadata, answers, groups))
    return items


def out_of_scope_items(
    topics: Iterable[OutOfScopeTopic], langs: Iterable[Lang] = LANGS
) -> list[Item]:
    """One item per out-of-scope topic: its example questions, like an entry's phrasings."""
    chosen = tuple(langs)
    metadata = {"topic": "out-of-scope", "status": "out-of-scope"}
    items = []
    for topic in topics:
        questions, groups = _phrasings(topic.questions, chosen)
        items.append(Item(OUT_OF_SCOPE_PREFIX + topic.id, questions, metadata, (), groups))
    return items


def _phrasings(
    by_lang: Mapping[Lang, Sequence[str]], langs: tuple[Lang, ...]
) -> tuple[list[str], list[str]]:
    """The questions in ``langs`` and, for each, its language (its centroid group)."""
    pairs = [(question, lang) for lang in langs for question in by_lang.get(lang, ())]
    return [question for question, _ in pairs], [lang for _, lang in pairs]


def is_out_of_scope(item_id: str) -> bool:
    """Whether a hit is an out-of-scope topic rather than an entry."""
    return item_id.startswith(OUT_OF_SCOPE_PREFIX)


def out_of_scope_count(index: SearchIndex) -> int:
    """How many out-of-scope topics the index holds (extra depth so entries still fill k)."""
    return sum(1 for item_id in index.item_ids if is_out_of_scope(item_id))


@dataclass(frozen=True)
class SearchAids:
    """What the knowledge base gives search besides its entries."""

    glossary: tuple[TermGroup, ...] = ()
    out_of_scope: tuple[OutOfScopeTopic, ...] = ()

    @classmethod
    def of(cls, kb: KnowledgeBase) -> SearchAids:
        """The knowledge base's glossary and out-of-scope examples."""
        return cls(kb.glossary, kb.out_of_scope)


NO_AIDS = SearchAids()


def knowledge_index(
    entries: Iterable[Entry],
    encoder: Encoder,
    aids: SearchAids = NO_AIDS,
    langs: Iterable[Lang] = LANGS,
    content_hash: str = "",
) -> SearchIndex:
    """The search index of the entries' and out-of-scope examples' texts in ``langs``,
    its queries widened by the glossary (in both languages always: it is language
    knowledge, not entry text)."""
    chosen = tuple(langs)
    items = knowledge_items(entries, chosen) + out_of_scope_items(aids.out_of_scope, chosen)
    synonyms = [group.all_terms() for group in aids.glossary]
    return SearchIndex.build(items, encoder, content_hash, None, synonyms)


def index_content_hash(kb: KnowledgeBase, include_drafts: bool) -> str:
    """Identity of what the index serves: the knowledge files and the draft policy."""
    units = "questions+answers+centroids+out-of-scope|synonyms"
    seed = f"{kb.content_hash}|drafts={include_drafts}|units={units}"
    return hashlib.sha256(seed.encode()).hexdigest()


class KnowledgeSearcher:
    """Thread-safe decisions over a swappable index (readers keep the object they took)."""

    def __init__(
        self, index: SearchIndex, calibration: Calibration, root: Path | None = None
    ) -> None:
        index.fusion = calibration.fusion
        # the index and how many out-of-scope topics it holds, counted once per index
        self._current = (index, out_of_scope_count(index))
        self.calibration = calibration
        self._root = root
        self._target = current_target(root) if root else None

    @classmethod
    def from_settings(cls, settings: Settings, kb: KnowledgeBase) -> KnowledgeSearcher:
        """Load the live index if it fits the knowledge and encoder, else build and publish one."""
        encoder = build_encoder(settings.retrieval)
        calibration = load_calibration(settings.retrieval.calibration_file, encoder.name)
        root = settings.var_dir / "index"
        expected = index_content_hash(kb, settings.serves_drafts)
        try:
            index = SearchIndex.load(root / CURRENT, encoder, expected)
        except IndexMismatchError as why:
            logger.info("building the retrieval index: %s", why)
            entries = kb.servable(settings.serves_drafts)
            index = knowledge_index(entries, encoder, SearchAids.of(kb), content_hash=expected)
            publish(index, root)
        return cls(index, calibration, root)

    @property
    def index(self) -> SearchIndex:
        """The index in use right now."""
        return self._current[0]

    def rank(self, text: str, k: int = 10) -> list[Hit]:
        """The k best entries and out-of-scope topics for the text, best first (no decision)."""
        return self.index.search(text, k=k)

    def decide(self, text: str, strict: bool = False) -> Decision:
        """Answer, clarify or abstain on the message, per the calibrated thresholds."""
        index, out_of_scope_topics = self._current
        # out-of-scope hits may fill the top places: search deep enough to still offer choices
        hits = index.search(text, k=MAX_CHOICES + 2 + out_of_scope_topics)
        lang = answer_language(text, fallback=_fallback_lang(hits))
        kind, candidates = decide_from_hits(hits, self.calibration, strict)
        first = hits[0].id if hits else ""
        out_of_scope = is_out_of_scope(first) and kind == "abstain"
        topic = first.removeprefix(OUT_OF_SCOPE_PREFIX) if out_of_scope else None
        return Decision(kind, candidates, lang, topic)

    def reload_if_changed(self) -> bool:
        """Swap in a newly published index; True when a swap happened."""
        if self._root is None:
            return False
        target = current_target(self._root)
        if target is None or target == self._target:
            return False
        fresh = SearchIndex.load(self._root / target, self.index.encoder)
        fresh.fusion = self.calibration.fusion
        self._current = (fresh, out_of_scope_count(fresh))  # one reference assignment: atomic
        self._target = target
        logger.info("retrieval index reloaded: %s", target)
        return True


def decide_from_hits(
    hits: list[Hit], calibration: Calibration, strict: bool = False
) -> tuple[DecisionKind, list[Candidate]]:
    """The decision rule on a ranked list (pure, so evaluation can replay it).

    Nearest to an out-of-scope example: abstain, whatever the score. Otherwise the
    out-of-scope hits are dropped and the thresholds decide among the entries.
    """
    limits = calibration.thresholds
    floor = max(limits.strict, limits.abstain) if strict else limits.abstain
    entries = entry_hits(hits)
    candidates = [Candidate(hit.id, hit.score) for hit in entries]
    if hits and is_out_of_scope(hits[0].id):
        return "abstain", candidates[:MAX_CHOICES]
    hits = entries
    if not hits or hits[0].score < floor:
        return "abstain", candidates[:MAX_CHOICES]
    top = hits[0].score
    close = [c for c in candidates[1:MAX_CHOICES] if top - c.score <= limits.clarify_margin]
    if close:
        return "clarify", [candidates[0], *close]
    if top < limits.answer:
        plausible = [c for c in candidates[1:MAX_CHOICES] if c.score >= floor]
        return "clarify", [candidates[0], *plausible]
    return "answer", candidates[:MAX_CHOICES]


def entry_hits(hits: list[Hit]) -> list[Hit]:
    """The hits that are entries (out-of-scope topics left out), in order."""
    return [hit for hit in hits if not is_out_of_scope(hit.id)]


def _fallback_lang(hits: list[Hit]) -> Lang:
    """For a message with no dominant script, the language of the best-matching text."""
    return answer_language(hits[0].matched_text, fallback="en") if hits else "en"
