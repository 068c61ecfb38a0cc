"""Rasa-side lock store: Rasa's Redis ticket lock, made safe across replicas.

Runs INSIDE Rasa's own environment (Python 3.10, rasa 3.6), named in endpoints.yml
as ``bot.channels.rasa_lock_store.AtomicRedisLockStore``; it may import only rasa,
redis and the standard library. Rasa's ``RedisLockStore`` issues, expires and
returns tickets by reading the lock from Redis, changing it and writing it back.
Two replicas doing that at once for one conversation can hand out the same ticket,
so both process a message at the same time and the SQL tracker store keeps only
one of the two turns (seen in tests/integration/test_scale_out.py: a message of a
burst vanished from the tracker). Here each read-change-write holds a short Redis
mutex per conversation (redis-py's ``Lock``: SET NX with an expiry).
"""

from typing import Any

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# A read-change-write takes a few milliseconds; the expiry only matters if a
# replica dies while holding the mutex.
MUTEX_EXPIRY_S = 5.0
MUTEX_WAIT_S = 10.0


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` whose ticket bookkeeping is atomic per conversation."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

    def _mutex(self, conversation_id: str) -> Any:
        return self.red.lock(
            f"{self.key_prefix}{conversation_id}:mutex",
            timeout=MUTEX_EXPIRY_S,
            blocking_timeout=MUTEX_WAIT_S,
        )

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Rasa's ticket issue, with no other replica changing the lock meanwhile."""
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        """Rasa's expired-ticket sweep, atomically."""
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Return the ticket and delete the lock if nobody waits, as one step."""
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
