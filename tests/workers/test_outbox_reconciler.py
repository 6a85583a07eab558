"""Nothing depends on Redis keeping a job: the reconciler sends lost outbox work again.

A row the relay marked sent long ago, whose job Redis no longer holds (as after a Redis restart
without AOF), is run by a worker started afterwards; a job that ran marks its row done, so it is
never sent again.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from arq.connections import ArqRedis
from arq.jobs import Job
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry import outbox
from registry.models import OutboxMessage
from tests.workers.conftest import WorkerFactory
from tests.workers.polling import eventually
from tests.workers.test_worker_crash import (
    follow_ups,
    holding_step,
    result_of,
    send_ping,
    send_probe,
)
from tests.workers.worker_process import WorkerProcess
from workers.outbox.probe import step_token
from workers.outbox.reconciler import resend_lost
from workers.settings import QUEUE_NAME


async def done_at(sessions: async_sessionmaker[AsyncSession], outbox_id: uuid.UUID) -> object:
    async with sessions() as session:
        return await session.scalar(
            select(OutboxMessage.done_at).where(OutboxMessage.id == outbox_id)
        )


async def test_a_sent_row_whose_job_redis_lost_runs_at_the_next_worker_start(
    sessions: async_sessionmaker[AsyncSession],
    arq_pool: ArqRedis,
    worker_process: WorkerProcess,
) -> None:
    outbox_id = uuid.uuid4()
    # Sent a day ago, never done, and not in Redis: the queue lost it.
    async with sessions() as session, session.begin():
        await session.execute(
            insert(OutboxMessage).values(
                id=outbox_id,
                job=outbox.Job.PING,
                payload={"token": "lost"},
                created_at=datetime.now(UTC) - timedelta(days=1),
                sent_at=datetime.now(UTC) - timedelta(days=1),
            )
        )
    job = Job(str(outbox_id), arq_pool, _queue_name=QUEUE_NAME)
    await asyncio.to_thread(worker_process.start)
    assert await result_of(job) == f"lost:{outbox_id}"

    async def marked() -> bool:
        return await done_at(sessions, outbox_id) is not None

    await eventually(marked)


async def test_a_job_that_ran_marks_its_row_done(
    sessions: async_sessionmaker[AsyncSession],
    arq_pool: ArqRedis,
    worker_process: WorkerProcess,
) -> None:
    await asyncio.to_thread(worker_process.start)
    outbox_id, job = await send_ping(sessions, arq_pool, "t")
    assert await result_of(job) == f"t:{outbox_id}"

    async def marked() -> bool:
        return await done_at(sessions, outbox_id) is not None

    await eventually(marked)


async def test_a_job_that_timed_out_is_sent_again_despite_its_kept_result(
    sessions: async_sessionmaker[AsyncSession],
    arq_pool: ArqRedis,
    worker_factory: WorkerFactory,
) -> None:
    # arq's job timeout is a failure the wrapper never sees: the row stays not done, and arq
    # keeps the failed result (RESULT_KEEP_SECONDS; an hour once), under which it refused the
    # reconciler's same id.
    worker = worker_factory(job_timeout=2.0)
    await asyncio.to_thread(worker.start)
    probe = uuid.uuid4().hex
    async with holding_step(sessions, probe, 2):
        outbox_id = await send_probe(sessions, probe)
        job = Job(str(outbox_id), arq_pool, _queue_name=QUEUE_NAME)

        async def failed() -> bool:
            info = await job.result_info()
            return info is not None and not info.success

        await eventually(failed)
        assert await done_at(sessions, outbox_id) is None
        resent = await resend_lost(
            sessions, arq_pool, ["outbox_probe"], queue_name=QUEUE_NAME, grace_seconds=0
        )
        assert resent == 1
    # Step 2's lock is free: the re-sent job finishes it, and the row is done.
    assert await result_of(job) == 1

    async def marked() -> bool:
        return await done_at(sessions, outbox_id) is not None

    await eventually(marked)
    assert await follow_ups(sessions, probe) == {step_token(probe, 1): 1, step_token(probe, 2): 1}
