"""What feeds the server-sent event streams, and how many a partner may hold open.

:class:`EventFeed`: one ``LISTEN qaqpa_events`` per gateway process (migration 0017 notifies
the application id of each inserted event at commit). A stream waits on its application's
wake-up and reads PostgreSQL only when that application has a new event, instead of every
stream polling every second. While the listening connection is down the streams fall back to
polling each second, and every reconnect wakes them all once, for what was committed while
nobody listened.

:class:`StreamSlots`: at most ``QAQPA_SSE_MAX_STREAMS_PER_PARTNER`` open streams per partner
across all gateway processes: a sorted set per partner in Redis, one member per open stream,
scored by when its lease ends. A stream removes its member when it ends; a process that dies
with streams open leaves members that stop counting when their lease (the longest a stream
lives, plus a margin) runs out, so a crash cannot lock a partner out for good.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import anyio
import structlog
from redis.asyncio import Redis

from gateway.problems import Problem
from registry.notify import NotificationListener

logger = structlog.get_logger(__name__)

CHANNEL = "qaqpa_events"
LEASE_MARGIN_SECONDS = 60.0
_SLOTS_KEY = "qaqpa:sse:streams:{partner}"

# Atomically: forget expired leases, refuse when the partner holds ``max`` live ones, else
# add one. The Redis server's clock scores the leases, so gateway hosts' clocks may differ.
_ACQUIRE = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
    return 0
end
local lease_ms = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now_ms + lease_ms, ARGV[3])
redis.call('PEXPIRE', KEYS[1], lease_ms)
return 1
"""


class Watcher:
    """A stream that follows every application (the officer console's): which applications
    had events since it last looked, or ``everything`` when it cannot know (a reconnect of the
    listener, or more changes than it keeps)."""

    MAX_CHANGED = 1000

    def __init__(self) -> None:
        self.woken = asyncio.Event()
        self._changed: set[uuid.UUID] = set()
        self._everything = False

    def note(self, application_id: uuid.UUID | None) -> None:
        if application_id is None or len(self._changed) >= self.MAX_CHANGED:
            self._everything = True
        else:
            self._changed.add(application_id)
        self.woken.set()

    def take(self) -> tuple[frozenset[uuid.UUID], bool]:
        """What changed since the last take (and whether it may be anything), cleared."""
        changed, everything = frozenset(self._changed), self._everything
        self._changed.clear()
        self._everything = False
        self.woken.clear()
        return changed, everything


class EventFeed:
    """Wakes the streams of an application when PostgreSQL notifies one of its events, and the
    watchers of every application (:class:`Watcher`)."""

    def __init__(self, database_url: str) -> None:
        self._subscribers: dict[uuid.UUID, set[asyncio.Event]] = {}
        self._watchers: set[Watcher] = set()
        self._listener = NotificationListener(
            database_url, CHANNEL, on_notify=self._notified, on_listen=self._wake_all
        )

    @property
    def listening(self) -> bool:
        """Whether notifications reach this process now (else streams poll)."""
        return self._listener.listening

    def start(self) -> None:
        self._listener.start()

    async def wait_listening(self, seconds: float) -> bool:
        return await self._listener.wait_listening(seconds)

    async def aclose(self) -> None:
        await self._listener.aclose()

    def subscribers(self, application_id: uuid.UUID) -> int:
        """How many streams of this process wait on the application."""
        return len(self._subscribers.get(application_id, ()))

    @contextlib.contextmanager
    def subscribe(self, application_id: uuid.UUID) -> Iterator[asyncio.Event]:
        """An event set whenever the application may have new events, while the block runs."""
        woken = asyncio.Event()
        waiting = self._subscribers.setdefault(application_id, set())
        waiting.add(woken)
        try:
            yield woken
        finally:
            waiting.discard(woken)
            if not waiting:
                self._subscribers.pop(application_id, None)

    @contextlib.contextmanager
    def watch(self) -> Iterator[Watcher]:
        """A watcher of every application's events, while the block runs."""
        watcher = Watcher()
        self._watchers.add(watcher)
        try:
            yield watcher
        finally:
            self._watchers.discard(watcher)

    def _notified(self, payload: str) -> None:
        try:
            application_id = uuid.UUID(payload)
        except ValueError:
            logger.warning("events_notification_unreadable")
            return
        for woken in self._subscribers.get(application_id, ()):
            woken.set()
        for watcher in self._watchers:
            watcher.note(application_id)

    def _wake_all(self) -> None:
        for waiting in self._subscribers.values():
            for woken in waiting:
                woken.set()
        for watcher in self._watchers:
            watcher.note(None)


class StreamSlots:
    """Leases of open event streams per partner, shared by every process through Redis."""

    def __init__(self, redis: Redis, max_streams: int, *, lease_seconds: float) -> None:
        self._redis = redis
        self._max_streams = max_streams
        self._lease_ms = max(1, round((lease_seconds + LEASE_MARGIN_SECONDS) * 1000))
        self._acquire = redis.register_script(_ACQUIRE)

    @property
    def max_streams(self) -> int:
        return self._max_streams

    async def acquire(self, partner_id: uuid.UUID) -> str | None:
        """A new lease for a stream of the partner, or None when it holds the maximum."""
        slot = uuid.uuid4().hex
        granted = await self._acquire(
            keys=[_key(partner_id)], args=[self._max_streams, self._lease_ms, slot]
        )
        return slot if granted == 1 else None

    async def acquire_or_refuse(self, owner_id: uuid.UUID, streams: str) -> str:
        """A new lease, or 429 ``too_many_streams`` naming the kind of ``streams`` capped."""
        slot = await self.acquire(owner_id)
        if slot is None:
            raise Problem(
                429,
                "too_many_streams",
                f"at most {self._max_streams} open {streams}; close one first",
            )
        return slot

    async def release(self, partner_id: uuid.UUID, slot: str) -> None:
        await self._redis.zrem(_key(partner_id), slot)

    async def release_shielded(self, owner_id: uuid.UUID, slot: str) -> None:
        """Give a lease back from a stream's ``finally``.

        Litestar ends the stream of a client that went away by cancelling its anyio task group,
        and anyio would cancel this await as well: the lease would hold the slot until it ran
        out. Shielded, it is given back at once; if Redis is away, the lease runs out by itself.
        """
        with anyio.CancelScope(shield=True):
            try:
                await self.release(owner_id, slot)
            except Exception as exc:  # a lost release only delays the slot until its lease ends
                logger.warning("sse_slot_not_released", error=type(exc).__name__)

    async def held(self, partner_id: uuid.UUID) -> int:
        """How many leases the partner holds (expired ones included until the next acquire)."""
        count: int = await self._redis.zcard(_key(partner_id))
        return count


@dataclass(frozen=True, slots=True)
class StreamQuota:
    """Whose open streams a new one counts against: ``owner_id``'s leases in ``slots`` (a
    partner's, or one status token's); ``streams`` names them in a refusal."""

    slots: StreamSlots
    owner_id: uuid.UUID
    streams: str

    async def lease(self) -> str:
        """A lease for one more stream, or 429 ``too_many_streams``."""
        return await self.slots.acquire_or_refuse(self.owner_id, self.streams)

    async def give_back(self, slot: str) -> None:
        """Give the lease back from the stream's ``finally`` (shielded from its cancellation)."""
        await self.slots.release_shielded(self.owner_id, slot)


def _key(partner_id: uuid.UUID) -> str:
    return _SLOTS_KEY.format(partner=partner_id)
