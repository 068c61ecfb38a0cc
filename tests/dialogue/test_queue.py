from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.dialogue.queue import record_unanswered
from bot.dialogue.services import Store
from bot.review_queue.service import InvalidQuestion
from bot.store.models import ReviewQuestion


def test_each_kind_lands_in_the_review_queue(store: Store) -> None:
    for kind in ("abstained", "ask_scholar", "crisis"):
        record_unanswered(store, sender="p-1", question=f"q {kind}", lang="en", channel="web",
                          kind=kind, candidates=["takfir", "apostasy"])  # type: ignore[arg-type]  # fmt: skip
    with store.sessions() as session:
        rows = [
            (q.kind, q.candidates, q.notify_opt_in) for q in session.scalars(select(ReviewQuestion))
        ]
    assert rows == [("abstained", "takfir,apostasy", False), ("ask_scholar", "takfir,apostasy", False),
                    ("crisis", "takfir,apostasy", False)]  # fmt: skip


def test_an_empty_question_is_refused(store: Store) -> None:
    with pytest.raises(InvalidQuestion):
        record_unanswered(
            store, sender="p-1", question=" ", lang="en", channel="web", kind="abstained"
        )
