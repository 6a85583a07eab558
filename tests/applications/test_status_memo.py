"""The gateway's in-process copy of status documents: used while subscribed, dropped when a
change to the application is announced through Redis (gateway/applications/status_memo.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from litestar.testing import AsyncTestClient
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.app import create_app
from gateway.applications.status_memo import StatusMemo
from registry.applications.status_cache import invalidate_status
from registry.resources import redis_client
from registry.settings import Settings
from tests.applications.stored import new_application, store
from tests.conftest import PartnerKey

MakePartner = Callable[..., Awaitable[PartnerKey]]
WAIT_STEPS = 200  # x 50 ms: a bound on the wait for the subscription, not a timing asserted


async def _until(condition: Callable[[], Awaitable[bool]]) -> bool:
    for _ in range(WAIT_STEPS):
        if await condition():
            return True
        await asyncio.sleep(0.05)
    return False


async def _set_status(
    sessions: async_sessionmaker[AsyncSession], app_id: object, status: str
) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            text("UPDATE applications SET status = :status WHERE id = :id"),
            {"status": status, "id": app_id},
        )


async def test_a_change_announced_by_another_process_drops_the_copy(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    make_partner: MakePartner,
    redis_url: str,
) -> None:
    partner = await make_partner()
    new = new_application(partner.id)
    await store(sessions, new)
    url = f"/v1/applications/{new.id}"
    app = create_app(settings)
    other_process = Redis.from_url(redis_url)
    try:
        async with AsyncTestClient(app=app) as client:
            memo: StatusMemo = app.state.status_memo
            memo.seconds = 3600.0  # only the announcement can refresh the copy here

            async def subscribed() -> bool:
                return memo.listening

            assert await _until(subscribed)
            first = await client.get(url, headers=partner.headers)
            assert first.json()["status"] == "received"
            # Change the row and empty Redis WITHOUT announcing it: the copy still answers,
            # so reads really are served from the process.
            await _set_status(sessions, new.id, "registered")
            await other_process.delete(f"qaqpa:status:{new.id}")
            kept = await client.get(url, headers=partner.headers)
            assert kept.json()["status"] == "received"
            # Announce it as every writer does: the copy goes, the next read is fresh.
            await invalidate_status(other_process, new.id)

            async def fresh() -> bool:
                response = await client.get(url, headers=partner.headers)
                return bool(response.json()["status"] == "registered")

            assert await _until(fresh)
    finally:
        await other_process.aclose()


async def test_a_read_that_overlaps_a_change_keeps_no_copy(redis_url: str) -> None:
    """A read that fetched the old entry while a change was announced must not store it."""
    import uuid

    from registry.applications.status_cache import CachedStatus

    redis = Redis.from_url(redis_url)
    memo = StatusMemo(redis)
    try:
        memo.start()

        async def subscribed() -> bool:
            return memo.listening

        assert await _until(subscribed)
        changed, untouched = uuid.uuid4(), uuid.uuid4()
        read_at = memo.generation  # a read starts...
        await invalidate_status(redis, changed)  # ...a change is announced meanwhile...

        async def delivered() -> bool:
            return memo.generation > read_at

        assert await _until(delivered)
        old = CachedStatus("partner", '"etag"', b"{}")
        memo.put(changed, old, read_at)  # ...and the read ends: nothing kept
        memo.put(untouched, old, read_at)  # another application's read is kept
        assert memo.get(changed) is None
        assert memo.get(untouched) == old
    finally:
        await memo.aclose()
        await redis.aclose()


async def test_an_idle_subscription_outlives_the_clients_socket_timeout(redis_url: str) -> None:
    """No change announced for longer than the Redis client's socket timeout: the memo stays
    subscribed and keeps its copies (it dropped them, and logged a warning, every few seconds
    on an idle gateway)."""
    redis = redis_client(redis_url, timeout=0.3)
    memo = StatusMemo(redis)
    memo.start()
    try:

        async def subscribed() -> bool:
            return memo.listening

        assert await _until(subscribed)
        generation = memo.generation
        await asyncio.sleep(1.5)  # five socket timeouts without a message
        assert memo.listening and memo.generation == generation
    finally:
        await memo.aclose()
        await redis.aclose()
