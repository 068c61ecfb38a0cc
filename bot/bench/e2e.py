"""The load generator: simulated users chatting with a bot over HTTP on loopback.

Each user is an asyncio task that sends one message, waits for the reply, and sends the next
(a closed loop, as a person in a chat does). With a rate, users pace themselves so that together
they offer that many messages per second (latency at a given load, the targets' reading); a
user whose reply comes late sends the next message at once but never catches up in a burst.
Without a rate they send as fast as replies come back (the bot's capacity). The run is bounded twice: by a total message budget and by a time limit; in-flight messages
finish after the deadline but no new one starts. Every turn is recorded with its latency and,
when it failed, why: a non-200 status, an empty reply, a timeout or a connection error.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from bot.bench.conversations import ConversationSource, Message

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
REQUEST_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class ChatTarget:
    """Where to send a message, how to wrap it, and how to tell a good reply."""

    name: str
    url: str
    make_body: Callable[[str, str], dict[str, Any]]  # (session id, text) -> JSON body
    reply_is_empty: Callable[[Any], bool]  # parsed JSON reply -> no bot message in it

    def __post_init__(self) -> None:
        host = urlsplit(self.url).hostname or ""
        if host not in LOOPBACK_HOSTS:
            raise ValueError(f"the benchmark only sends to loopback, not to {self.url}")


def gateway_target(base_url: str) -> ChatTarget:
    """Hiwar's gateway chat API: ``POST /api/chat`` {session_id, message} -> {messages}."""
    return ChatTarget(
        name="hiwar",
        url=f"{base_url.rstrip('/')}/api/chat",
        make_body=lambda session, text: {"session_id": session, "message": text},
        reply_is_empty=lambda reply: not (isinstance(reply, dict) and reply.get("messages")),
    )


def rest_webhook_target(base_url: str, name: str = "stock") -> ChatTarget:
    """Rasa's REST channel: ``POST /webhooks/rest/webhook`` {sender, message} -> [messages]."""
    return ChatTarget(
        name=name,
        url=f"{base_url.rstrip('/')}/webhooks/rest/webhook",
        make_body=lambda session, text: {"sender": session, "message": text},
        reply_is_empty=lambda reply: not (isinstance(reply, list) and reply),
    )


@dataclass(frozen=True)
class LoadLimits:
    """How many users, and when to stop: whichever of the two bounds comes first."""

    users: int
    duration_s: float
    max_messages: int | None = None
    rate_per_s: float = 0.0  # offered messages per second across all users; 0 = unpaced

    @property
    def interval_s(self) -> float:
        """Seconds between one user's sends when paced, else 0."""
        return self.users / self.rate_per_s if self.rate_per_s > 0 else 0.0


@dataclass(frozen=True)
class Turn:
    """One message sent and what came back."""

    kind: str
    started_s: float  # since the start of the run
    latency_s: float
    error: str = ""  # empty when the reply was a 200 with at least one bot message

    @property
    def ok(self) -> bool:
        """The reply was a 200 with at least one bot message."""
        return not self.error


@dataclass
class LoadResult:
    """Every turn of one run and how long the run took."""

    target: str
    users: int
    turns: list[Turn] = field(default_factory=list)
    elapsed_s: float = 0.0


class Budget:
    """The shared bounds: a message count and a deadline, checked before each message."""

    def __init__(self, limits: LoadLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.started = clock()
        self.deadline = self.started + limits.duration_s
        self._left = limits.max_messages

    def take(self) -> bool:
        """Claim one message; False once the count is spent or the time is up."""
        if self._clock() >= self.deadline or self._left == 0:
            return False
        if self._left is not None:
            self._left -= 1
        return True


async def send_one(
    client: httpx.AsyncClient, target: ChatTarget, session: str, message: Message, t0: float
) -> Turn:
    """Send a message and time it; any failure becomes the turn's error, never an exception."""
    started = time.monotonic()
    error = ""
    try:
        response = await client.post(target.url, json=target.make_body(session, message.text))
        if response.status_code != 200:
            error = f"HTTP {response.status_code}"
        elif target.reply_is_empty(response.json()):
            error = "empty reply"
    except httpx.TimeoutException:
        error = "timeout"
    except (httpx.HTTPError, ValueError) as exc:
        error = type(exc).__name__
    return Turn(message.kind, started - t0, time.monotonic() - started, error)


@dataclass
class LoadRun:
    """What the simulated users of one run share."""

    client: httpx.AsyncClient
    target: ChatTarget
    conversations: ConversationSource
    limits: LoadLimits
    budget: Budget
    result: LoadResult
    # Session ids carry the run's id: a tracker left by an earlier run would otherwise grow
    # with every run and slow down the next one (Rasa replays the whole tracker each turn).
    run_id: str = field(default_factory=lambda: secrets.token_hex(4))


async def simulate_user(run: LoadRun, user: int) -> None:
    """One user: conversation after conversation, a new session id for each."""
    rng = random.Random(f"{run.limits.users}-{user}-{run.target.name}")  # same mix every run
    interval_s = run.limits.interval_s
    next_at = time.monotonic() + rng.uniform(0, interval_s)  # spread the users' first sends
    for number in itertools.count():
        session = f"bench-{run.target.name}-{run.run_id}-u{user:03d}-c{number:05d}"
        for message in run.conversations(rng):
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            if not run.budget.take():
                return
            next_at = max(next_at + interval_s, time.monotonic())
            turn = await send_one(run.client, run.target, session, message, run.budget.started)
            run.result.turns.append(turn)


async def run_load(
    target: ChatTarget,
    conversations: ConversationSource,
    limits: LoadLimits,
    transport: httpx.AsyncBaseTransport | None = None,
) -> LoadResult:
    """Run ``limits.users`` simulated users against the target until a bound is reached."""
    result = LoadResult(target.name, limits.users)
    pool = httpx.Limits(max_connections=limits.users, max_keepalive_connections=limits.users)
    timeout = httpx.Timeout(REQUEST_TIMEOUT_S)
    async with httpx.AsyncClient(limits=pool, timeout=timeout, transport=transport) as client:
        run = LoadRun(client, target, conversations, limits, Budget(limits), result)
        await asyncio.gather(*(simulate_user(run, user) for user in range(limits.users)))
    result.elapsed_s = time.monotonic() - run.budget.started
    return result


def warm_up(target: ChatTarget, conversations: ConversationSource, messages: int) -> LoadResult:
    """A few unmeasured turns first, so lazy loading and first connections are not measured."""
    limits = LoadLimits(users=2, duration_s=120.0, max_messages=messages)
    return asyncio.run(run_load(target, conversations, limits))
