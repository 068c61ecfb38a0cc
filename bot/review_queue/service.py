"""Recording questions for the scholars, linking them to entries, and who to tell.

``record_question`` commits at once: the dialogue calls it mid-conversation and
must not depend on anything else succeeding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.store.models import PSEUDONYM_MAX, TEXT_MAX, ReviewQuestion, utcnow

QuestionKind = Literal["abstained", "out_of_scope", "ask_scholar", "crisis"]
KINDS: tuple[str, ...] = ("abstained", "out_of_scope", "ask_scholar", "crisis")
# Crisis flags are for a human's follow-up, not for "what to write next"; nor are
# out-of-scope questions (prayer, family law...) unless the asker wanted a scholar.
GAP_KINDS: tuple[str, ...] = ("abstained", "ask_scholar")
# What the bot said it could not answer: a "yes, pass it on" upgrades these in place.
UNANSWERED_KINDS: tuple[str, ...] = ("abstained", "out_of_scope")


class InvalidQuestion(ValueError):
    """A question that cannot be queued (empty text, unknown kind)."""


@dataclass(frozen=True)
class AskerToNotify:
    """Someone who opted in to hear when their question got an answer."""

    pseudonym: str
    channel: str | None
    language: str | None
    entry_id: str
    question_ids: list[int]


def record_question(
    session: Session,
    *,
    text: str,
    language: str | None,
    channel: str | None,
    pseudonym: str | None,
    kind: QuestionKind,
    notify_opt_in: bool = False,
    candidates: Sequence[str] = (),
) -> ReviewQuestion:
    """Queue one question (commits). Over-long text is cut: it is a prompt, not evidence."""
    clean = text.replace("\x00", "").strip()
    if not clean:
        raise InvalidQuestion("text: empty question")
    if kind not in KINDS:
        raise InvalidQuestion(f"kind: must be one of {', '.join(KINDS)}")
    question = ReviewQuestion(
        text=clean[:TEXT_MAX], language=(language or None) and language[:8],
        channel=(channel or None) and channel[:32],
        pseudonym=(pseudonym or None) and pseudonym[:PSEUDONYM_MAX], kind=kind,
        notify_opt_in=bool(notify_opt_in and pseudonym),
        candidates=",".join(candidates)[:500] or None,
    )  # fmt: skip
    session.add(question)
    session.commit()
    return question


def request_scholar(
    session: Session,
    *,
    text: str,
    language: str | None,
    channel: str | None,
    pseudonym: str | None,
) -> ReviewQuestion:
    """A "talk to a scholar" request, with consent to be told of the answer (commits).

    The question the bot has just abstained on is upgraded in place, not queued twice:
    a group's count stays one per asker.
    """
    clean = text.replace("\x00", "").strip()[:TEXT_MAX]
    abstained = (
        session.scalars(
            select(ReviewQuestion)
            .where(
                ReviewQuestion.pseudonym == pseudonym,
                ReviewQuestion.text == clean,
                ReviewQuestion.kind.in_(UNANSWERED_KINDS),
                ReviewQuestion.entry_id.is_(None),
            )
            .order_by(ReviewQuestion.id.desc())
            .limit(1)
        ).first()
        if pseudonym
        else None
    )
    if abstained is None:
        return record_question(
            session, text=text, language=language, channel=channel, pseudonym=pseudonym,
            kind="ask_scholar", notify_opt_in=True,
        )  # fmt: skip
    abstained.kind, abstained.notify_opt_in = "ask_scholar", True
    session.commit()
    return abstained


def unlinked_questions(
    session: Session,
    *,
    since: datetime | None = None,
    limit: int = 5000,
    kinds: Sequence[str] = GAP_KINDS,
) -> list[ReviewQuestion]:
    """Questions not yet linked to an entry, newest first (the input of grouping)."""
    query = select(ReviewQuestion).where(
        ReviewQuestion.entry_id.is_(None), ReviewQuestion.kind.in_(list(kinds))
    )
    if since is not None:
        query = query.where(ReviewQuestion.created_at >= since)
    return list(session.scalars(query.order_by(ReviewQuestion.id.desc()).limit(limit)))


def link_questions(session: Session, question_ids: Sequence[int], entry_id: str) -> int:
    """Mark a group's questions as answered by ``entry_id`` (commits); returns rows linked."""
    if not entry_id.strip():
        raise InvalidQuestion("entry_id: empty")
    result = session.execute(
        update(ReviewQuestion)
        .where(ReviewQuestion.id.in_(list(question_ids)))
        .values(entry_id=entry_id, linked_at=utcnow())
    )
    session.commit()
    return result.rowcount or 0  # type: ignore[attr-defined]


def askers_opted_in(session: Session, question_ids: Sequence[int]) -> int:
    """How many different askers of these questions asked to hear the answer."""
    return int(
        session.scalar(
            select(func.count(func.distinct(ReviewQuestion.pseudonym))).where(
                ReviewQuestion.id.in_(list(question_ids)),
                ReviewQuestion.notify_opt_in.is_(True),
                ReviewQuestion.pseudonym.is_not(None),
            )
        )
        or 0
    )


def askers_to_notify(session: Session) -> list[AskerToNotify]:
    """Opted-in askers whose question is now linked and who were not told yet."""
    rows = session.scalars(
        select(ReviewQuestion)
        .where(
            ReviewQuestion.notify_opt_in.is_(True),
            ReviewQuestion.entry_id.is_not(None),
            ReviewQuestion.notified_at.is_(None),
            ReviewQuestion.pseudonym.is_not(None),
        )
        .order_by(ReviewQuestion.id)
    )
    grouped: dict[tuple[str, str], AskerToNotify] = {}
    for row in rows:
        key = (row.pseudonym or "", row.entry_id or "")
        if key not in grouped:
            grouped[key] = AskerToNotify(key[0], row.channel, row.language, key[1], [])
        grouped[key].question_ids.append(row.id)
    return list(grouped.values())


def mark_notified(session: Session, question_ids: Sequence[int]) -> None:
    """Record that the askers of these questions were told (commits)."""
    session.execute(
        update(ReviewQuestion)
        .where(ReviewQuestion.id.in_(list(question_ids)))
        .values(notified_at=utcnow())
    )
    session.commit()
