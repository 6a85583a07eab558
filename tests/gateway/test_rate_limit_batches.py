"""The partner rate limit claimed from Redis in batches keeps its stated bound across two
processes (gateway/ratelimit.py): never more than the limit, at most ``shortfall(batch)`` fewer
per process; the next batch is claimed ahead, before the last one runs out."""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest
from limits import parse

from gateway.problems import Problem
from gateway.ratelimit import RateLimiter, default_batch, shortfall

# One gateway process: ATTEMPTS requests, 16 at a time, against one partner's limit.
_PROCESS = """
import asyncio, sys
from gateway.ratelimit import RateLimiter
from gateway.problems import Problem

async def main(redis_url, limit, name, batch, attempts):
    # A minute to spend each claim: the lower bound is then free of the machine's speed.
    limiter = RateLimiter(redis_url, limit, per="partner", name=name, batch=batch,
                          grant_seconds=60)
    admitted = 0
    async def one():
        nonlocal admitted
        try:
            await limiter.check("partner-1")
            admitted += 1
        except Problem as exc:
            assert exc.status_code == 429, exc.status_code
    for _ in range(attempts // 16):
        await asyncio.gather(*(one() for _ in range(16)))
    print(admitted)

redis_url, limit, name, batch, attempts = sys.argv[1:]
asyncio.run(main(redis_url, limit, name, int(batch), int(attempts)))
"""
LIMIT = 300
ATTEMPTS = 400  # per process: together well past the limit


def _two_processes(redis_url: str, batch: int) -> list[int]:
    name = f"batch-test-{uuid.uuid4().hex}"
    # A limit per day: the test cannot straddle two windows but once a day at midnight UTC.
    arguments = [redis_url, f"{LIMIT}/day", name, str(batch), str(ATTEMPTS)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _PROCESS, *arguments], stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert all(process.returncode == 0 for process in processes)
    return [int(output.strip()) for output in outputs]


@pytest.mark.parametrize("batch", [10, 1])
def test_two_processes_admit_at_most_the_limit_and_at_most_batch_less(
    redis_url: str, batch: int
) -> None:
    admitted = _two_processes(redis_url, batch)
    assert sum(admitted) <= LIMIT
    assert sum(admitted) >= LIMIT - 2 * shortfall(batch)


async def test_a_batch_is_claimed_once_for_concurrent_requests(redis_url: str) -> None:
    """Sixteen concurrent first requests make one claim of the batch, not sixteen: the
    limit is not drained by requests that found nothing claimed yet."""
    import asyncio

    limiter = RateLimiter(
        redis_url, "20/day", per="partner", name=f"once-{uuid.uuid4().hex}", batch=10
    )
    results = await asyncio.gather(*(limiter.check("p") for _ in range(16)), return_exceptions=True)
    admitted = [result for result in results if result is None]
    refused = [result for result in results if isinstance(result, Problem)]
    # Two batches of ten cover the sixteen; a claim per request would have refused most.
    assert len(admitted) == 16 and not refused


def test_batch_is_one_percent_of_the_limit_between_one_and_fifty() -> None:
    assert default_batch(parse("60/minute")) == 1
    assert default_batch(parse("1200/minute")) == 12
    assert default_batch(parse("100000000/minute")) == 50


async def test_the_next_batch_is_claimed_before_the_last_runs_out(redis_url: str) -> None:
    """Half a batch spent: the next is claimed in the background, so the requests after it
    find requests claimed here and need not wait for Redis (every request arriving during a
    claim used to wait for it)."""
    import asyncio

    limiter = RateLimiter(
        redis_url, "1000/day", per="partner", name=f"ahead-{uuid.uuid4().hex}", batch=10
    )
    for _ in range(6):  # the first claims a batch of ten; after the sixth, four are left
        await limiter.check("p")
    claiming = limiter._claiming.get(f"{limiter._name}:p")
    assert claiming is not None, "no claim ahead in flight"
    await asyncio.shield(claiming)
    assert limiter._left(f"{limiter._name}:p") == 14
    stats = await limiter._limiter.get_window_stats(limiter._item, f"{limiter._name}:p")
    assert stats.remaining == 1000 - 20  # both batches counted in Redis before any is spent


def test_the_shortfall_bound() -> None:
    assert shortfall(1) == 0  # a batch of one is counted exactly
    assert shortfall(10) == 15
