"""The Redis cache of status documents (what ``GET /v1/applications/{id}`` returns).

Each entry holds the owning partner, the ETag and the encoded body, in one value so a read
is a single GET. Every change to an application deletes its entry after commit. A reader
that loaded the old row just before a change could put it back; entries therefore live only
``TTL_SECONDS``, which bounds such staleness. Flushing Redis loses nothing: PostgreSQL is
the truth and the next read refills the entry.

Deleting an entry also publishes the application ids on ``INVALIDATED_CHANNEL`` (same round
trip), so that the gateway's in-process copies (gateway/applications/status_memo.py) drop
them too.
"""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import Callable, Iterable, Sequence

import msgspec
from redis.asyncio import Redis
from redis.exceptions import RedisError

TTL_SECONDS = 30
_PREFIX = "qaqpa:status:"
INVALIDATED_CHANNEL = "qaqpa:status-invalidated"
"""Pub/sub channel: a message is the changed application ids, comma-separated."""


_local_listeners: list[Callable[[Sequence[uuid.UUID]], None]] = []


def on_local_invalidation(listener: Callable[[Sequence[uuid.UUID]], None]) -> None:
    """Call ``listener`` with the ids this process invalidates, before Redis hears of them: a
    process reads its own changes at once, others when the published message arrives."""
    _local_listeners.append(listener)


def remove_local_listener(listener: Callable[[Sequence[uuid.UUID]], None]) -> None:
    if listener in _local_listeners:
        _local_listeners.remove(listener)


class CachedStatus(msgspec.Struct, frozen=True, array_like=True):
    partner_id: str
    etag: str
    body: bytes


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


async def cached_status(redis: Redis, application_id: uuid.UUID) -> CachedStatus | None:
    raw = await redis.get(_PREFIX + str(application_id))
    if raw is None:
        return None
    return msgspec.msgpack.decode(raw, type=CachedStatus)


async def cache_status(
    redis: Redis, application_id: uuid.UUID, partner_id: uuid.UUID, body: bytes
) -> CachedStatus:
    entry = CachedStatus(str(partner_id), etag_of(body), body)
    await redis.set(_PREFIX + str(application_id), msgspec.msgpack.encode(entry), ex=TTL_SECONDS)
    return entry


async def invalidate_status(redis: Redis, *application_ids: uuid.UUID) -> None:
    """Delete the entries of ``application_ids`` (one DEL for all of them) and announce it."""
    for listener in _local_listeners:
        listener(application_ids)
    if application_ids:
        pipeline = redis.pipeline(transaction=False)
        pipeline.delete(*(_PREFIX + str(application_id) for application_id in application_ids))
        pipeline.publish(INVALIDATED_CHANNEL, ",".join(map(str, application_ids)))
        await pipeline.execute()


def forget_statuses(redis_url: str, application_ids: Iterable[uuid.UUID]) -> str | None:
    """For command lines: drop the entries of ``application_ids`` after their change committed.

    Best effort (entries expire within ``TTL_SECONDS`` anyway): a warning when Redis did not
    answer, None when it did.
    """
    ids = list(application_ids)
    if not ids:
        return None

    async def forget() -> None:
        redis = Redis.from_url(redis_url, socket_connect_timeout=2.0, socket_timeout=2.0)
        try:
            await invalidate_status(redis, *ids)
        finally:
            await redis.aclose()

    try:
        asyncio.run(forget())
    except (RedisError, OSError) as exc:
        return f"warning: status cache not cleared ({exc}); it expires by itself"
    return None
