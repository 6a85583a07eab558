"""Rate limits shared by every gateway process through Redis: per client address on every
route, before authentication (so that made-up API keys and officer tokens cannot hammer the
database: each unknown one costs a lookup); per partner, after it; and a tighter one per client
address on the public endpoints that take no API key (verification: each request validates
signatures, timestamps and revocation data, so one client must not take the CPU of all).

Litestar's built-in limiter counts per process, which multiplies the limit by the number of
workers; the ``limits`` library's sliding-window counter on Redis counts once for all of them
(one Lua script call per request). Not its moving window: that keeps one list entry per
request in the window and scans it on every hit, so with a generous limit each request got
slower as the list grew (the benchmark showed it).
"""

from __future__ import annotations

import math
import time
from typing import Any

from limits import RateLimitItem, parse
from limits.aio.storage import RedisStorage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from gateway.problems import Problem

CLIENT_RATE_LIMIT_EXEMPT = "client_rate_limit_exempt"
"""``opt`` key of the route handlers :func:`limit_every_client_address` leaves alone."""


class RateLimiter:
    """``limit`` (e.g. ``1200/minute``) per ``per`` (a partner, a client address), in Redis.

    ``name`` keeps the counters of two limiters with the same ``per`` apart (default ``per``).
    """

    def __init__(self, redis_url: str, limit: str, *, per: str, name: str | None = None) -> None:
        self._item: RateLimitItem = parse(limit)
        self._per = per
        self._name = name or per
        storage = RedisStorage(
            "async+" + redis_url, implementation="redispy", key_prefix="qaqpa:ratelimit"
        )
        self._limiter = SlidingWindowCounterRateLimiter(storage)

    async def check(self, who: str) -> None:
        """Count one request; raise ``rate_limited`` (429 with Retry-After) past the limit."""
        key = f"{self._name}:{who}"
        if await self._limiter.hit(self._item, key):
            return
        await self._refuse(key)

    async def ensure_open(self, who: str) -> None:
        """Raise ``rate_limited`` when ``who`` has used up the limit, without counting."""
        key = f"{self._name}:{who}"
        if not await self._limiter.test(self._item, key):
            await self._refuse(key)

    async def _refuse(self, key: str) -> None:
        stats = await self._limiter.get_window_stats(self._item, key)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise Problem(
            429,
            "rate_limited",
            f"at most {self._item} per {self._per}; retry after {retry_after} s",
            headers={"Retry-After": str(retry_after)},
        )


async def limit_by_client_address(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """A guard for the public endpoints: ``QAQPA_PUBLIC_RATE_LIMIT`` per client address.

    The address is the TCP peer: behind a reverse proxy every client shares the proxy's
    address, so limit per client at the proxy (or raise this limit) there.
    """
    limiter: RateLimiter = connection.app.state.public_rate_limiter
    await limiter.check(client_address(connection))


async def limit_every_client_address(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    """The app-wide guard: ``QAQPA_CLIENT_RATE_LIMIT`` per client address on every route.

    App-level guards run before the route's own, so this counts a request before its API key
    or officer token is looked up. Handlers with ``opt[CLIENT_RATE_LIMIT_EXEMPT]`` (the health
    probes) are not counted.
    """
    if handler.opt.get(CLIENT_RATE_LIMIT_EXEMPT):
        return
    limiter: RateLimiter = connection.app.state.client_rate_limiter
    await limiter.check(client_address(connection))


def client_address(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The TCP peer of the connection (a reverse proxy's address when there is one)."""
    client = connection.client
    return client.host if client is not None else "unknown"
