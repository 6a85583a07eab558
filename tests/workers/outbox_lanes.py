"""One test's own outbox lane: a job name and an arq queue nobody else uses.

Rows other tests leave in the shared outbox are not touched and no worker runs these jobs: what
is in the lane's queue is exactly what the relay under test put there. The ``lane`` fixture
(tests/workers/conftest.py) deletes the lanes' rows afterwards.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any, NamedTuple

import pytest
from arq.connections import ArqRedis
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import OutboxMessage
from workers.outbox import OutboxRelay

JOB_PREFIX = "test_relay_"


class Lane(NamedTuple):
    """A job name and a queue of one test's own."""

    job: str
    queue: str


def relay_for(
    sessions: async_sessionmaker[AsyncSession], pool: ArqRedis, lane: Lane, **options: Any
) -> OutboxRelay:
    return OutboxRelay(sessions, pool, {lane.job}, queue_name=lane.queue, **options)


@asynccontextmanager
async def running(relay: OutboxRelay) -> AsyncIterator[None]:
    """The relay's run loop as a task for the block; cancelled after it, and it must end so."""
    task = asyncio.create_task(relay.run())
    try:
        yield
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


async def write_rows(
    session: AsyncSession, job: str, payloads: list[Any], created_at: datetime | None = None
) -> list[uuid.UUID]:
    ids = [uuid.uuid4() for _ in payloads]
    extra = {} if created_at is None else {"created_at": created_at}
    for outbox_id, payload in zip(ids, payloads, strict=True):
        await session.execute(
            insert(OutboxMessage).values(id=outbox_id, job=job, payload=payload, **extra)
        )
    return ids


async def commit_rows(
    sessions: async_sessionmaker[AsyncSession], job: str, payloads: list[Any]
) -> list[uuid.UUID]:
    async with sessions() as session, session.begin():
        return await write_rows(session, job, payloads)


async def unsent(
    sessions: async_sessionmaker[AsyncSession], ids: list[uuid.UUID]
) -> set[uuid.UUID]:
    async with sessions() as session:
        rows = await session.scalars(
            select(OutboxMessage.id).where(
                OutboxMessage.id.in_(ids), OutboxMessage.sent_at.is_(None)
            )
        )
        return set(rows)


async def queued(pool: ArqRedis, lane: Lane) -> dict[str, tuple[str, dict[str, Any]]]:
    """The lane's queue: job id → (function, keyword arguments)."""
    return {
        job.job_id: (job.function, job.kwargs)
        for job in await pool.queued_jobs(queue_name=lane.queue)
        if job.job_id is not None
    }
