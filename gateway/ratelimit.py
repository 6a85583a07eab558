"""Per-partner rate limit, shared by every gateway process through Redis.

Litestar's built-in limiter counts per process, which multiplies the limit by the number of
workers; the ``limits`` library's sliding-window counter on Redis counts once for all of them
(one Lua script call per request). Not its moving window: that keeps one list entry per
request in the window and scans it on every hit, so with a generous limit each request got
slower as the list grew (the benchmark showed it).
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse
from limits.aio.storage import RedisStorage
from limits.aio.strategies import SlidingWindowCounterRateLimiter

from gateway.problems import Problem


class PartnerRateLimiter:
    def __init__(self, redis_url: str, limit: str) -> None:
        self._item: RateLimitItem = parse(limit)
        storage = RedisStorage(
            "async+" + redis_url, implementation="redispy", key_prefix="qaqpa:ratelimit"
        )
        self._limiter = SlidingWindowCounterRateLimiter(storage)

    async def check(self, partner_id: str) -> None:
        """Count one request; raise ``rate_limited`` (429 with Retry-After) past the limit."""
        if await self._limiter.hit(self._item, partner_id):
            return
        stats = await self._limiter.get_window_stats(self._item, partner_id)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise Problem(
            429,
            "rate_limited",
            f"at most {self._item} per partner; retry after {retry_after} s",
            headers={"Retry-After": str(retry_after)},
        )
