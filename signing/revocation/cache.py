"""Shared storage of raw revocation data (DER) with an expiry.

The Protocol is deliberately tiny -- bytes in, bytes out, plus the set of CRL URLs seen -- so
that Redis, memcached or a database could back it.  Values are raw DER rather than parsed
objects because they cross process boundaries; each process keeps its own parsed layer
(:mod:`signing.revocation.crl`).  A cache outage must never fail a verification: the Redis
implementation logs and degrades to "miss".
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Protocol, runtime_checkable

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


@runtime_checkable
class RevocationCache(Protocol):
    async def get(self, key: str) -> bytes | None: ...

    async def set(self, key: str, value: bytes, expires_at: datetime) -> None: ...

    async def remember_crl_url(self, url: str) -> None:
        """Record a CRL URL so that :func:`signing.revocation.refresh_crls` keeps it warm."""
        ...

    async def crl_urls(self) -> list[str]: ...


class InMemoryRevocationCache:
    """Per-process cache; the default when no shared cache is configured."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[bytes, float]] = {}
        self._urls: set[str] = set()

    async def get(self, key: str) -> bytes | None:
        found = self._values.get(key)
        if found is None:
            return None
        value, expires = found
        if expires <= time.time():
            del self._values[key]
            return None
        return value

    async def set(self, key: str, value: bytes, expires_at: datetime) -> None:
        expires = expires_at.timestamp()
        if expires > time.time():
            self._values[key] = (value, expires)

    async def remember_crl_url(self, url: str) -> None:
        self._urls.add(url)

    async def crl_urls(self) -> list[str]:
        return sorted(self._urls)


class RedisRevocationCache:
    """Redis-backed cache; the caller owns the client (``decode_responses`` must be False)."""

    def __init__(self, client: Redis, prefix: str = "qaqpa:revinfo:") -> None:
        self._redis = client
        self._prefix = prefix

    async def get(self, key: str) -> bytes | None:
        try:
            value = await self._redis.get(self._prefix + key)
        except RedisError as exc:
            log.warning("revocation cache get failed: %s", exc)
            return None
        return bytes(value) if value is not None else None

    async def set(self, key: str, value: bytes, expires_at: datetime) -> None:
        ms = int(expires_at.astimezone(UTC).timestamp() * 1000)
        if ms <= int(time.time() * 1000):
            return
        try:
            await self._redis.set(self._prefix + key, value, pxat=ms)
        except RedisError as exc:
            log.warning("revocation cache set failed: %s", exc)

    async def remember_crl_url(self, url: str) -> None:
        try:
            await self._redis.sadd(self._prefix + "crl-urls", url)  # type: ignore[misc]
        except RedisError as exc:
            log.warning("revocation cache sadd failed: %s", exc)

    async def crl_urls(self) -> list[str]:
        try:
            members = await self._redis.smembers(self._prefix + "crl-urls")  # type: ignore[misc]
        except RedisError as exc:
            log.warning("revocation cache smembers failed: %s", exc)
            return []
        return sorted(m.decode() if isinstance(m, bytes) else str(m) for m in members)
