"""Status documents kept in the gateway process, so a repeated read needs no Redis round trip.

A copy of a Redis cache entry (registry/applications/status_cache.py) is kept here for at
most ``MEMO_SECONDS``, and only while this process is subscribed to the cache's
invalidation channel: every change to an application publishes its id after deleting the
Redis entry, and the listener drops the copy when the message arrives (a few milliseconds).
A change made by this process drops its copy before the message is even sent (its own reads
follow its writes). Staleness is therefore bounded by the message's travel time, and by
``MEMO_SECONDS`` when a message is lost (the subscription broke: the copies are then cleared
and not used until it is back). A read that fetched an entry from Redis before a change and
stored it after the change's message arrived would keep the old document: each invalidation
is numbered, and a read stores its copy only if no invalidation of its application came
while it was reading.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections import deque
from collections.abc import Sequence

import structlog
from redis.asyncio import Redis

from gateway.auth import LruCache
from registry.applications.status_cache import (
    INVALIDATED_CHANNEL,
    CachedStatus,
    on_local_invalidation,
    remove_local_listener,
)

logger = structlog.get_logger(__name__)

MEMO_SECONDS = 2.0
MAX_ENTRIES = 10_000
RECENT_INVALIDATIONS = 4096
"""Invalidations remembered for reads in flight; a read older than these stores nothing."""
RECONNECT_SECONDS = 1.0
IDLE_POLL_SECONDS = 1.0


class StatusMemo:
    """In-process copies of status cache entries, dropped on the Redis invalidation message."""

    def __init__(self, redis: Redis, *, seconds: float = MEMO_SECONDS) -> None:
        self._redis = redis
        self.seconds = seconds
        self._entries: LruCache[uuid.UUID, tuple[float, CachedStatus]] = LruCache(MAX_ENTRIES)
        self._recent: deque[tuple[int, str]] = deque(maxlen=RECENT_INVALIDATIONS)
        self.generation = 0
        self.listening = False
        self._task: asyncio.Task[None] | None = None

    def get(self, application_id: uuid.UUID) -> CachedStatus | None:
        if not self.listening:
            return None
        hit = self._entries.get(application_id)
        if hit is None or hit[0] <= asyncio.get_running_loop().time():
            return None
        return hit[1]

    def put(self, application_id: uuid.UUID, entry: CachedStatus, read_at: int) -> None:
        """Keep ``entry``, read when :attr:`generation` was ``read_at``, unless changed since."""
        if not self.listening or self._changed_since(str(application_id), read_at):
            return
        expires = asyncio.get_running_loop().time() + self.seconds
        self._entries.put(application_id, (expires, entry))

    def _changed_since(self, application_id: str, read_at: int) -> bool:
        if read_at == self.generation:
            return False
        if not self._recent or self._recent[0][0] > read_at + 1:
            return True  # older than what is remembered: assume it changed
        return any(
            number > read_at and changed == application_id for number, changed in self._recent
        )

    def _invalidate(self, message: bytes | str) -> None:
        text = message.decode() if isinstance(message, bytes) else message
        self._forget(text.split(","))

    def _invalidate_here(self, application_ids: Sequence[uuid.UUID]) -> None:
        self._forget([str(application_id) for application_id in application_ids])

    def _forget(self, application_ids: list[str]) -> None:
        for application_id in application_ids:
            self.generation += 1
            self._recent.append((self.generation, application_id))
            with contextlib.suppress(ValueError):
                self._entries.drop(uuid.UUID(application_id))

    def _stop_using(self) -> None:
        self.listening = False
        self.generation += 1
        self._recent.clear()
        self._entries.clear()

    def start(self) -> None:
        on_local_invalidation(self._invalidate_here)  # this process's own changes: at once
        self._task = asyncio.create_task(self._listen_forever(), name="status-memo")

    async def aclose(self) -> None:
        remove_local_listener(self._invalidate_here)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._stop_using()

    async def _listen_forever(self) -> None:
        while True:
            try:
                await self._listen()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # Redis away: no copies until subscribed again
                logger.warning("status_memo_unsubscribed", error=type(exc).__name__)
            self._stop_using()
            await asyncio.sleep(RECONNECT_SECONDS)

    async def _listen(self) -> None:
        async with self._redis.pubsub() as pubsub:
            await pubsub.subscribe(INVALIDATED_CHANNEL)
            poll = _idle_poll_seconds(self._redis)
            while True:
                message = await pubsub.get_message(timeout=poll)
                if message is None:  # nothing announced meanwhile
                    continue
                if message["type"] == "subscribe":
                    self.listening = True  # from here on, every change reaches us
                elif message["type"] == "message":
                    self._invalidate(message["data"])


def _idle_poll_seconds(redis: Redis) -> float:
    """How long one wait for an announcement lasts: under the client's socket timeout. A wait
    without a bound reads until that timeout and ends an idle subscription with an error (and
    the memo's copies with it) every few seconds; redis-py still pings the idle connection."""
    timeout = redis.connection_pool.connection_kwargs.get("socket_timeout")
    return IDLE_POLL_SECONDS if not timeout else min(IDLE_POLL_SECONDS, float(timeout) / 2)
