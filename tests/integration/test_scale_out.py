"""Two Rasa replicas sharing a PostgreSQL tracker store and a Redis lock store behave as one bot.

One conversation's turns go alternately to each replica; messages fired at both at once
are processed in the order they were sent; killing one replica loses nothing; with an
action server killed the user is asked to try again and the question is queued.
Tests run in file order and share the replicas: the killing tests come last.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import select

from bot.channels.conversation import ACTIONS_UNAVAILABLE, take_turn
from bot.channels.rasa_client import WEBHOOK_PATH, RasaClient
from bot.process.rasa_project import RasaProject
from bot.process.stack import action_server_spec, rasa_server_spec
from bot.process.supervisor import Child, ChildSpec
from bot.process.training import TrainingResult
from bot.reports.references import REFERENCE_ALPHABET, REFERENCE_LENGTH
from bot.settings import RasaSettings, Settings
from bot.store.engine import build_session_factory
from bot.store.migrate import upgrade_url
from bot.store.models import ReviewQuestion
from tests.support.processes import free_port, pid_running, running
from tests.support.stores import empty_redis_db, fresh_postgres_database

pytestmark = pytest.mark.integration

REFERENCE = re.compile(rf"HW-[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}}")

BURST = ("hello", "thanks", "hi", "thank you", "hello there", "thanks a lot")
BURST_GAP_S = 0.02  # far below a turn's processing time, so all of them are in flight at once


def report_turns(link: str) -> list[str]:
    """An English report in four turns (link, country skipped, description)."""
    return ["I want to report a post", link, "skip", "propaganda praising the attackers"]


@dataclass
class Replicas:
    """The running replicas: Rasa URLs, the children, settings and the reports database."""

    urls: list[str]
    rasa: list[Child]
    actions: list[Child]
    settings: list[Settings]
    reports_url: str
    token: str


def replica_settings(var_dir: Path, tracker_url: str, lock_url: str) -> Settings:
    """Settings of one Rasa replica with its own action server, on free ports."""
    rasa = RasaSettings(
        port=free_port(), action_port=free_port(),
        tracker_store_url=tracker_url, lock_store_url=lock_url,
    )  # fmt: skip
    return Settings(var_dir=var_dir, rasa=rasa)


def replica_specs(
    settings: Settings, project: RasaProject, name: str, reports_url: str
) -> list[ChildSpec]:
    """`hiwar run`'s own Rasa and action-server specs, renamed so their logs differ."""
    actions_env = {
        **os.environ,
        "HIWAR_VAR_DIR": str(settings.var_dir),
        "HIWAR_DATABASE_URL": reports_url,
    }
    return [
        replace(rasa_server_spec(settings, project), name=f"rasa-{name}"),
        replace(action_server_spec(settings), name=f"actions-{name}", env=actions_env),
    ]


@pytest.fixture(scope="module")
def replicas(
    trained_model: TrainingResult, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Replicas]:
    tmp = tmp_path_factory.mktemp("scale")
    (tmp / "models").mkdir()
    shutil.copy2(trained_model.model_path, tmp / "models")  # immune to a retrain meanwhile
    shipped = RasaProject.from_settings(Settings())
    project = RasaProject(shipped.nlu_dir, tmp / "models", shipped.rasa_bin)
    with (
        fresh_postgres_database("hiwar_scale") as tracker_url,
        fresh_postgres_database("hiwar_scale_reports") as reports_url,
        empty_redis_db() as db,
    ):
        reports_url = reports_url.replace("postgresql://", "postgresql+psycopg://", 1)
        upgrade_url(reports_url)
        lock_url = f"redis://127.0.0.1:6379/{db}"
        settings = [replica_settings(tmp / f"var-{n}", tracker_url, lock_url) for n in "ab"]
        pairs = [
            replica_specs(s, project, n, reports_url) for n, s in zip("ab", settings, strict=True)
        ]
        # Action servers first: they start in seconds, so a broken one fails the test early.
        specs = [actions for _, actions in pairs] + [rasa for rasa, _ in pairs]
        started = time.monotonic()
        with running(specs, tmp / "logs") as children:
            print(
                f"\n2 Rasa replicas + 2 action servers healthy in {time.monotonic() - started:.1f} s"
            )
            urls = [s.rasa.server_urls()[0] for s in settings]
            token = settings[0].secret_key.get_secret_value()
            yield Replicas(urls, children[2:], children[:2], settings, reports_url, token)


def say(url: str, sender: str, text: str, lang: str = "en") -> list[dict[str, Any]]:
    """One turn through the hiwar channel of one replica."""
    body = {"sender": sender, "message": text, "metadata": {"channel": "web", "lang": lang}}
    response = httpx.post(url + WEBHOOK_PATH, json=body, timeout=60)
    assert response.status_code == 200, response.text
    messages: list[dict[str, Any]] = response.json()
    return messages


def text_of(messages: list[Any]) -> str:
    return " ".join(str(m.get("text", "") if isinstance(m, dict) else m.text) for m in messages)


def tracker_events(replicas: Replicas, sender: str) -> list[dict[str, Any]]:
    response = httpx.get(
        f"{replicas.urls[-1]}/conversations/{sender}/tracker",
        params={"token": replicas.token}, timeout=30,
    )  # fmt: skip
    assert response.status_code == 200, response.text
    events: list[dict[str, Any]] = response.json()["events"]
    return events


def stored_reference(replicas: Replicas, reference: str) -> bool:
    """True when the reports database holds a case or a submission with this reference."""
    url = replicas.reports_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(url) as db:
        row = db.execute(
            "SELECT 1 FROM reports WHERE reference = %s"
            " UNION SELECT 1 FROM report_submissions WHERE alias_reference = %s",
            (reference, reference),
        )
        return row.fetchone() is not None


def test_report_form_begun_on_one_replica_finishes_on_the_other(replicas: Replicas) -> None:
    sender = "scale-form-0001"
    turns = report_turns("https://t.me/scale_test_channel/101")
    replies = [say(replicas.urls[i % 2], sender, turn) for i, turn in enumerate(turns)]

    assert "link" in text_of(replies[0]).lower()
    assert all(replies), f"a turn got no answer: {replies}"
    found = REFERENCE.search(text_of(replies[-1]))
    assert found, f"no reference number in the last answer: {replies[-1]}"
    assert stored_reference(replicas, found.group())


@dataclass
class Sent:
    """One message of the burst: when it was in flight and what came back."""

    text: str
    started: float
    finished: float
    reply: str


async def fire_burst(urls: list[str], sender: str) -> list[Sent]:
    """Send BURST alternately to each replica, BURST_GAP_S apart, without awaiting answers."""
    async with httpx.AsyncClient(timeout=120) as client:

        async def one(i: int, text: str) -> Sent:
            await asyncio.sleep(i * BURST_GAP_S)
            started = time.monotonic()
            body = {"sender": sender, "message": text, "metadata": {"channel": "web", "lang": "en"}}
            response = await client.post(urls[i % 2] + WEBHOOK_PATH, json=body)
            assert response.status_code == 200, response.text
            return Sent(text, started, time.monotonic(), text_of(response.json()))

        return list(await asyncio.gather(*(one(i, t) for i, t in enumerate(BURST))))


def test_simultaneous_messages_are_serialised_by_the_lock_store(replicas: Replicas) -> None:
    """Every message once, turns never interleaved, each replica's messages in send order.

    Across replicas the order is the order in which Rasa took the messages in (its
    ticket lock), which can differ from the send order by a few milliseconds when one
    replica's event loop is busy; the gateway's replica choice decides that, not Rasa.
    """
    sender = "scale-burst-0001"
    sent = asyncio.run(fire_burst(replicas.urls, sender))
    in_flight = max(sum(o.started <= m.started < o.finished for o in sent) for m in sent)

    events = tracker_events(replicas, sender)
    order = [e["text"] for e in events if e["event"] == "user"]
    print(f"\nburst: up to {in_flight} of {len(BURST)} in flight; processed in order {order}")
    assert sorted(order) == sorted(BURST)
    for replica in (0, 1):
        assert [t for t in order if t in BURST[replica::2]] == list(BURST[replica::2])
    kinds = [e["event"] for e in events if e["event"] in ("user", "bot")]
    assert "user,user" not in ",".join(kinds), f"turns interleaved: {kinds}"
    for message in sent:  # each answer belongs to its own message
        assert ("You're welcome" in message.reply) == message.text.startswith("thank"), message
    assert in_flight >= 2, "the messages never overlapped; the test proves nothing"


async def finish_report_after_kill(replicas: Replicas, sender: str) -> list[str]:
    """Begin a report on replica A, SIGKILL A, then let the gateway's client fail over."""
    turns = report_turns("https://t.me/scale_test_channel/202")
    only_a = RasaClient(replicas.urls[:1])
    both = RasaClient(replicas.urls)
    try:
        first = await only_a.send_message(sender, turns[0], {"channel": "web", "lang": "en"})
        assert "link" in text_of(first).lower()
        victim = replicas.rasa[0].process
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(timeout=10)
        answers = []
        for turn in turns[1:]:
            messages = await both.send_message(sender, turn, {"channel": "web", "lang": "en"})
            answers.append(text_of(messages))
        return answers
    finally:
        await only_a.aclose()
        await both.aclose()


def test_conversation_carries_on_when_a_replica_is_killed(replicas: Replicas) -> None:
    answers = asyncio.run(finish_report_after_kill(replicas, "scale-kill-0001"))

    assert not pid_running(replicas.rasa[0].process.pid)
    assert all(answers), f"a turn got no answer after the kill: {answers}"
    found = REFERENCE.search(answers[-1])
    assert found, f"no reference number after the kill: {answers}"
    assert stored_reference(replicas, found.group())


async def ask_with_actions_down(replicas: Replicas, sender: str, text: str) -> list[str]:
    """Stop replica B's action server, then take a turn through the gateway's conversation."""
    victim = replicas.actions[1].process
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=10)
    raw = say(replicas.urls[1], sender + "-raw", text)
    assert raw == [], f"Rasa 3.6 answered a failed action with {raw}"
    rasa = RasaClient(replicas.urls[1:])
    try:
        metadata: dict[str, str | None] = {"channel": "web", "lang": "en"}
        sessions = build_session_factory(replicas.reports_url)
        messages = await take_turn(replicas.settings[1], rasa, sender, text, metadata, sessions)
        return [m.text for m in messages]
    finally:
        await rasa.aclose()


def test_action_server_down_means_try_again_and_a_queued_question(replicas: Replicas) -> None:
    question = "Is killing civilians jihad?"
    sender = "scale-actions-down-0001"

    texts = asyncio.run(ask_with_actions_down(replicas, sender, question))

    assert texts == [ACTIONS_UNAVAILABLE["en"]]
    with build_session_factory(replicas.reports_url)() as session:
        rows = session.scalars(select(ReviewQuestion).where(ReviewQuestion.pseudonym == sender))
        assert [(r.text, r.kind) for r in rows] == [(question, "abstained")]
