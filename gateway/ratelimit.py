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

Claims in batches (issue 18): a Redis round trip per request was the largest single cost of a
cached status read. A process therefore claims ``batch`` requests at once (one ``hit`` of
that cost) and spends them locally; near the limit, when a whole batch no longer fits, it
claims one request at a time, exactly as before. The bound, tested in
tests/gateway/test_rate_limit_batches.py:
- never more: every request is counted in Redis before it is admitted, so all processes
  together admit at most the limit in a window (a claimed request is spent at most
  ``GRANT_SECONDS`` after its claim: those of any window were counted within that window
  plus ``GRANT_SECONDS``);
- at most ``shortfall(batch) x processes`` fewer (``batch + batch // 2``; none for a batch of
  one): what a process claimed and did not spend within ``GRANT_SECONDS`` is dropped, still
  counted.
``batch`` is ``limit // 100`` (1 to 50): a limit under 200 a window is counted exactly.

Claims ahead: when half a batch or less is left, the next batch is claimed in the background,
so requests seldom wait for Redis (under load every request arriving during a claim waited
for it, a stall every batch; the profile showed the waits). Each grant keeps its own lapse
time and the older is spent first, so "never more" holds as above; a process holds at most
half a batch plus the batch claimed ahead, hence the shortfall bound.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from typing import Any

import structlog
from limits import RateLimitItem, parse
from limits.aio.storage import RedisStorage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from gateway.problems import Problem

CLIENT_RATE_LIMIT_EXEMPT = "client_rate_limit_exempt"
GRANT_SECONDS = 1.0
"""How long a process may spend requests it claimed from Redis; after that they are dropped."""
MAX_BATCH = 50
MAX_GRANT_KEYS = 10_000
"""Past this many keys holding claimed requests, the expired ones are forgotten."""


logger = structlog.get_logger(__name__)


def shortfall(batch: int) -> int:
    """Requests one process may claim and never spend (the bound in the module docstring)."""
    return 0 if batch <= 1 else batch + batch // 2


class _Grant:
    """Requests claimed in one Redis round trip: how many are left, and when they lapse."""

    __slots__ = ("lapses", "left")

    def __init__(self, left: int, lapses: float) -> None:
        self.left = left
        self.lapses = lapses


def default_batch(item: RateLimitItem) -> int:
    """Requests claimed per Redis round trip for ``item``: 1 % of the limit, 1 to 50."""
    return max(1, min(MAX_BATCH, item.amount // 100))


"""``opt`` key of the route handlers :func:`limit_every_client_address` leaves alone."""


class RateLimiter:
    """``limit`` (e.g. ``1200/minute``) per ``per`` (a partner, a client address), in Redis.

    ``name`` keeps the counters of two limiters with the same ``per`` apart (default ``per``).
    ``batch``: requests claimed per round trip (default :func:`default_batch`), spent within
    ``grant_seconds`` (the bound is in the module's docstring).
    """

    def __init__(
        self,
        redis_url: str,
        limit: str,
        *,
        per: str,
        name: str | None = None,
        batch: int | None = None,
        grant_seconds: float = GRANT_SECONDS,
    ) -> None:
        self._item: RateLimitItem = parse(limit)
        self._per = per
        self._name = name or per
        self._batch = batch or default_batch(self._item)
        self._grant_seconds = grant_seconds
        # key -> grants not yet spent, oldest first (at most two: one claimed ahead)
        self._grants: dict[str, deque[_Grant]] = {}
        self._claiming: dict[str, asyncio.Future[None]] = {}
        self._ahead: set[asyncio.Task[None]] = set()  # claims ahead in flight (kept alive)
        storage = RedisStorage(
            "async+" + redis_url, implementation="redispy", key_prefix="qaqpa:ratelimit"
        )
        self._limiter = SlidingWindowCounterRateLimiter(storage)

    async def check(self, who: str) -> None:
        """Count one request; raise ``rate_limited`` (429 with Retry-After) past the limit."""
        key = f"{self._name}:{who}"
        while not self._spend(key):
            claiming = self._claiming.get(key)
            if claiming is None:
                break
            await asyncio.shield(claiming)  # one claim in flight per key: wait, then spend
        else:
            self._maybe_claim_ahead(key)
            return
        claimed = asyncio.get_running_loop().create_future()
        self._claiming[key] = claimed
        try:
            if await self._claim(key):
                return
        finally:
            del self._claiming[key]
            claimed.set_result(None)
        await self._refuse(key)

    async def _claim(self, key: str) -> bool:
        """Claim a batch from Redis (keeping all but one here), or else exactly one."""
        if self._batch > 1 and await self._limiter.hit(self._item, key, cost=self._batch):
            self._grant(key, self._batch - 1)
            return True
        return await self._limiter.hit(self._item, key)

    def _spend(self, key: str) -> bool:
        """Take one request claimed earlier, from the oldest grant left that has not lapsed."""
        grants = self._grants.get(key)
        if not grants:
            return False
        now = time.monotonic()
        while grants and (grants[0].left <= 0 or grants[0].lapses <= now):
            grants.popleft()
        if not grants:
            return False
        grants[0].left -= 1
        return True

    def _left(self, key: str) -> int:
        now = time.monotonic()
        return sum(grant.left for grant in self._grants.get(key, ()) if grant.lapses > now)

    def _grant(self, key: str, count: int) -> None:
        now = time.monotonic()
        if len(self._grants) >= MAX_GRANT_KEYS:
            self._grants = {
                k: kept for k, kept in self._grants.items() if kept and kept[-1].lapses > now
            }
        self._grants.setdefault(key, deque()).append(_Grant(count, now + self._grant_seconds))

    def _maybe_claim_ahead(self, key: str) -> None:
        """Claim the next batch in the background once half a batch or less is left here."""
        if self._batch <= 1 or key in self._claiming or self._left(key) > self._batch // 2:
            return
        claimed = asyncio.get_running_loop().create_future()
        self._claiming[key] = claimed
        task = asyncio.create_task(self._claim_ahead(key, claimed))
        self._ahead.add(task)
        task.add_done_callback(self._ahead.discard)

    async def _claim_ahead(self, key: str, claimed: asyncio.Future[None]) -> None:
        try:
            if await self._limiter.hit(self._item, key, cost=self._batch):
                self._grant(key, self._batch)
            # Refused: the batch no longer fits; requests claim one at a time as before.
        except Exception as exc:  # Redis away: the next request's own claim reports it
            logger.warning("rate_limit_claim_ahead_failed", error=type(exc).__name__)
        finally:
            del self._claiming[key]
            claimed.set_result(None)

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
