"""The queue: recording questions, linking them to entries, telling the askers who opted in."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.review_queue.service import (
    InvalidQuestion,
    askers_to_notify,
    link_questions,
    mark_notified,
    record_question,
    request_scholar,
    unlinked_questions,
)


def _record(session: Session, text: str, pseudonym: str | None = "p-1", **extra: object) -> int:
    defaults: dict[str, object] = {"language": "en", "channel": "telegram", "kind": "abstained"}
    defaults.update(extra)
    return record_question(session, text=text, pseudonym=pseudonym, **defaults).id  # type: ignore[arg-type]


def test_record_keeps_text_language_channel_time_pseudonym(session: Session) -> None:
    question = record_question(
        session, text="  Is <b>voting</b> haram? '; DROP TABLE x;-- ", language="en", channel="web",
        pseudonym="p-1", kind="ask_scholar", notify_opt_in=True,
    )  # fmt: skip
    session.expire_all()
    stored = unlinked_questions(session)[0]
    assert stored.id == question.id
    assert (stored.text, stored.language, stored.channel, stored.kind) == (
        "Is <b>voting</b> haram? '; DROP TABLE x;--",
        "en",
        "web",
        "ask_scholar",
    )
    assert stored.notify_opt_in and stored.created_at.tzinfo is not None


def test_invalid_questions_are_refused_and_long_ones_cut(session: Session) -> None:
    with pytest.raises(InvalidQuestion):
        _record(session, "   ")
    with pytest.raises(InvalidQuestion):
        _record(session, "ok", kind="gossip")
    assert (
        len(
            record_question(
                session,
                text="x" * 9000,
                language="en",
                channel="web",
                pseudonym=None,
                kind="abstained",
            ).text
        )
        == 4000
    )


def test_opt_in_needs_a_pseudonym_to_reach(session: Session) -> None:
    question = record_question(
        session,
        text="q",
        language="en",
        channel="web",
        pseudonym=None,
        kind="abstained",
        notify_opt_in=True,
    )
    assert not question.notify_opt_in


def test_link_then_notify_opted_in_askers_once(session: Session) -> None:
    first = _record(session, "jihad?", "p-1", notify_opt_in=True)
    second = _record(session, "what is jihad", "p-1", notify_opt_in=True)
    silent = _record(session, "jihad!", "p-2")
    other = _record(session, "caliphate?", "p-3", notify_opt_in=True)
    assert link_questions(session, [first, second, silent], "meaning-of-jihad") == 3
    assert [q.id for q in unlinked_questions(session)] == [other]
    askers = askers_to_notify(session)
    assert [(a.pseudonym, a.entry_id, a.question_ids, a.channel) for a in askers] == [
        ("p-1", "meaning-of-jihad", [first, second], "telegram")
    ]
    mark_notified(session, askers[0].question_ids)
    assert askers_to_notify(session) == []


def test_link_needs_an_entry_id(session: Session) -> None:
    with pytest.raises(InvalidQuestion):
        link_questions(session, [1], " ")


def test_candidates_are_kept_and_crisis_flags_stay_out_of_the_gaps(session: Session) -> None:
    asked = record_question(
        session, text="is it jihad", language="en", channel="web", pseudonym="p-1",
        kind="abstained", candidates=["meaning-of-jihad", "conditions-of-jihad"],
    )  # fmt: skip
    _record(session, "I want to hurt someone", kind="crisis")
    assert asked.candidates == "meaning-of-jihad,conditions-of-jihad"
    assert [q.id for q in unlinked_questions(session)] == [asked.id]
    assert len(unlinked_questions(session, kinds=("crisis",))) == 1


def test_asking_for_a_scholar_upgrades_the_abstained_question_with_consent(
    session: Session,
) -> None:
    abstained = _record(session, "Can I pay zakat to my cousin?")
    _record(session, "Can I pay zakat to my cousin?", pseudonym="someone-else")
    upgraded = request_scholar(
        session, text=" Can I pay zakat to my cousin? ", language="en", channel="web",
        pseudonym="p-1",
    )  # fmt: skip
    assert upgraded.id == abstained
    assert (upgraded.kind, upgraded.notify_opt_in) == ("ask_scholar", True)
    assert len(unlinked_questions(session)) == 2  # queued once per asker, not twice


def test_asking_for_a_scholar_without_an_abstention_queues_a_new_request(
    session: Session,
) -> None:
    linked = _record(session, "What is takfir?")
    link_questions(session, [linked], "takfir")
    fresh = request_scholar(
        session, text="What is takfir?", language="en", channel="telegram", pseudonym="p-1"
    )
    assert fresh.id != linked and fresh.notify_opt_in and fresh.kind == "ask_scholar"
    anonymous = request_scholar(
        session, text="Who are you?", language="en", channel="web", pseudonym=None
    )
    assert not anonymous.notify_opt_in  # nobody to tell
