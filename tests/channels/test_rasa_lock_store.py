"""The atomic Redis lock store: one ticket per message even when replicas race (Rasa env).

Rasa's own RedisLockStore reads, changes and writes the lock without a transaction,
so two replicas issuing tickets for one conversation at once can both get the same
number and process two messages concurrently (a turn then vanishes from the tracker).
"""

from __future__ import annotations

import subprocess

import pytest

from bot.settings import PROJECT_ROOT
from tests.support.stores import empty_redis_db

RASA_PYTHON = PROJECT_ROOT / ".venv-rasa" / "bin" / "python"

RACE = """
import sys, threading
from rasa.core.lock_store import RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from bot.channels.rasa_lock_store import AtomicRedisLockStore

kind, db = sys.argv[1], int(sys.argv[2])
config = EndpointConfig(url="127.0.0.1", type="x", port=6379, db=db)
def store():
    if kind == "atomic":
        return AtomicRedisLockStore(config)
    return RedisLockStore(host="127.0.0.1", port=6379, db=db)
replicas = [store() for _ in range(4)]  # four replicas, each with its own connection
tickets, start = [], threading.Barrier(len(replicas))
def replica(lock_store):
    start.wait()
    for _ in range(50):
        tickets.append(lock_store.issue_ticket("race", 60))
threads = [threading.Thread(target=replica, args=(s,)) for s in replicas]
for t in threads: t.start()
for t in threads: t.join()
lock = replicas[0].get_lock("race")
print(len(tickets), len(set(tickets)), len(lock.tickets))
"""


def race(kind: str) -> tuple[int, int, int]:
    """(tickets issued, distinct ticket numbers, tickets the lock holds) after the race."""
    with empty_redis_db() as db:
        completed = subprocess.run(
            [str(RASA_PYTHON), "-c", RACE, kind, str(db)], cwd=PROJECT_ROOT,
            capture_output=True, text=True, timeout=300,
            env={"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-2000:]
    issued, distinct, held = map(int, completed.stdout.split())
    return issued, distinct, held


@pytest.mark.integration
def test_racing_replicas_each_get_their_own_ticket() -> None:
    assert race("atomic") == (200, 200, 200)


@pytest.mark.integration
def test_rasas_own_store_loses_tickets_in_the_same_race() -> None:
    """The reason for the class above; if Rasa ever fixes it, this says so."""
    issued, distinct, held = race("stock")
    assert issued == 200 and (distinct < 200 or held < 200)
