"""The relay wakes on PostgreSQL's outbox notification, not on its poll (migration 0014).

The relays here poll once an hour: a row they send within the test was sent because the
commit notified them. Each test uses its own job name and queue (see test_outbox_relay.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from arq.connections import ArqRedis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.workers.outbox_lanes import Lane, commit_rows, queued, relay_for, running, unsent
from tests.workers.polling import eventually
from workers.outbox.wakeup import OutboxWakeup, asyncpg_dsn

HOUR = 3600.0


@pytest.fixture
async def wakeup(pg_url: str) -> AsyncIterator[OutboxWakeup]:
    listener = OutboxWakeup(pg_url)
    listener.start()
    assert await listener.wait_listening(10)
    try:
        yield listener
    finally:
        await listener.aclose()


async def _sent_without_polling(
    sessions: async_sessionmaker[AsyncSession], arq_pool: ArqRedis, lane: Lane, n: int
) -> None:
    ids = await commit_rows(sessions, lane.job, [{"n": n}])

    async def sent() -> bool:
        return not await unsent(sessions, ids)

    await eventually(sent, within=20)
    assert str(ids[0]) in await queued(arq_pool, lane)


@pytest.fixture
async def woken_relay(
    sessions: async_sessionmaker[AsyncSession],
    arq_pool: ArqRedis,
    lane: Lane,
    wakeup: OutboxWakeup,
) -> AsyncIterator[None]:
    """The lane's relay, polling once an hour and woken by the listener, running for the test."""
    async with running(relay_for(sessions, arq_pool, lane, poll_seconds=HOUR, wakeup=wakeup)):
        yield


@pytest.mark.usefixtures("woken_relay")
async def test_a_committed_row_is_relayed_by_its_notification(
    sessions: async_sessionmaker[AsyncSession], arq_pool: ArqRedis, lane: Lane
) -> None:
    await asyncio.sleep(0.2)  # the first round found nothing and now waits
    await _sent_without_polling(sessions, arq_pool, lane, 1)
    await _sent_without_polling(sessions, arq_pool, lane, 2)


async def test_a_rolled_back_insert_does_not_notify(
    sessions: async_sessionmaker[AsyncSession], wakeup: OutboxWakeup
) -> None:
    await wakeup.wait(0.5)  # the wake-up every (re)connect gives
    wakeup.clear()
    async with sessions() as session:
        await session.execute(
            text("INSERT INTO outbox (id, job, payload) VALUES (gen_random_uuid(), 'x', '{}')")
        )
        await session.rollback()

    assert not await wakeup.wait(1.0)


@pytest.mark.usefixtures("woken_relay")
async def test_the_listener_comes_back_after_its_connection_is_killed(
    sessions: async_sessionmaker[AsyncSession], arq_pool: ArqRedis, lane: Lane, wakeup: OutboxWakeup
) -> None:
    first = wakeup.backend_pid
    assert first is not None
    async with sessions() as session, session.begin():
        await session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})

    async def listening_again() -> bool:
        return wakeup.backend_pid not in (None, first)

    await eventually(listening_again, within=20)
    await _sent_without_polling(sessions, arq_pool, lane, 3)


def test_the_dsn_drops_the_sqlalchemy_driver_name() -> None:
    dsn = asyncpg_dsn("postgresql+asyncpg://qaqpa:s3cret@127.0.0.1:5433/qaqpa")
    assert dsn == "postgresql://qaqpa:s3cret@127.0.0.1:5433/qaqpa"
