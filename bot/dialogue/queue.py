"""The scholars' queue: questions the bot could not answer, "talk to a scholar", crisis follow-ups.

The rows live in bot.review_queue (grouped there into "what to write next"); this
module only says which kind of question the conversation is handing over.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.dialogue.services import Store
from bot.review_queue.service import QuestionKind, record_question, request_scholar


def record_unanswered(
    store: Store,
    *,
    sender: str,
    question: str,
    lang: str | None,
    channel: str | None,
    kind: QuestionKind,
    candidates: Sequence[str] = (),
) -> None:
    """Queue a question for the scholars (commits), with the nearest entries as context."""
    with store.sessions() as session:
        record_question(
            session, text=question, language=lang, channel=channel, pseudonym=sender,
            kind=kind, candidates=candidates,
        )  # fmt: skip


def request_scholar_answer(
    store: Store, *, sender: str, question: str, lang: str | None, channel: str | None
) -> None:
    """Pass the question to the scholars; the asker consented to hear of the answer."""
    with store.sessions() as session:
        request_scholar(session, text=question, language=lang, channel=channel, pseudonym=sender)
