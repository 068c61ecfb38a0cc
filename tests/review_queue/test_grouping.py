"""Grouping queued questions: similar ones together, biggest groups first, with examples."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.review_queue.grouping import group_questions

TOPICS = ("jihad", "caliphate", "parents")


@dataclass
class Question:
    id: int
    text: str
    language: str | None


def topic_encoder(texts: list[str]) -> np.ndarray:
    """Deterministic stand-in for a sentence encoder: one axis per topic word."""
    rows = [[float(topic in text.lower()) for topic in TOPICS] + [0.01] for text in texts]
    return np.asarray(rows, dtype=np.float32)


def _questions(*texts: str) -> list[Question]:
    return [
        Question(i, text, "ar" if "؟" in text else "en") for i, text in enumerate(texts, start=1)
    ]


def test_groups_are_ranked_by_count_with_most_asked_examples_first() -> None:
    questions = _questions(
        "is the caliphate real", "what about jihad", "Is jihad allowed?", "what about jihad",
        "what about  JIHAD", "need my parents permission", "jihad؟",
    )  # fmt: skip
    groups = group_questions(questions, topic_encoder, examples=2)
    assert [group.count for group in groups] == [5, 1, 1]
    assert groups[0].examples == ["what about jihad", "Is jihad allowed?"]
    assert groups[0].question_ids == [2, 3, 4, 5, 7]
    assert groups[0].languages == {"en": 4, "ar": 1}
    assert groups[1].examples == ["is the caliphate real"]  # ties: the earliest question first


def test_threshold_controls_merging() -> None:
    questions = _questions("jihad and caliphate", "jihad")
    assert len(group_questions(questions, topic_encoder, threshold=0.6)) == 1
    assert len(group_questions(questions, topic_encoder, threshold=0.9)) == 2


def test_empty_queue_has_no_groups_and_never_calls_the_encoder() -> None:
    def refuse(texts: list[str]) -> np.ndarray:
        raise AssertionError("encoder called")

    assert group_questions([], refuse) == []


def test_works_with_the_real_hashing_encoder() -> None:
    from bot.retrieval.encoders import HashingEncoder

    questions = _questions(
        "هل قتل المدنيين جهاد؟", "هل قتل المدنيين جهاد", "who may issue a fatwa?"
    )
    groups = group_questions(questions, HashingEncoder().encode_queries)
    assert groups[0].count == 2
