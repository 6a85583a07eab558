"""A real ``qaqpa worker`` killed in the middle of a job: the job runs again, its effect once.

The job is ``outbox_probe`` (workers/outbox/probe.py): two steps, each committed on its own
and checked before it acts. The test holds step 2's advisory lock, so the job commits step 1
and then waits; the worker dies there. A new worker runs the job again (SIGKILL: once the
in-progress key expires, job timeout + 10 s after the start; SIGTERM: arq re-queues it at
once), and the second run must apply step 2 only.
"""

from __future__ import annotations

import asyncio
import urllib.request
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from arq.connections import ArqRedis
from arq.jobs import Job, JobStatus
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry import outbox
from registry.models import OutboxMessage
from scripts.stack import free_port
from tests.workers.conftest import WorkerFactory
from tests.workers.polling import eventually
from tests.workers.worker_process import WorkerProcess
from workers.outbox.probe import step_token
from workers.settings import QUEUE_NAME


async def result_of(job: Job, within: float = 30.0) -> object:
    """The job's result, waiting first for the relay to put it in the queue."""

    async def queued() -> bool:
        return await job.status() != JobStatus.not_found

    await eventually(queued, within=within)
    return await job.result(timeout=within)


async def send_ping(
    sessions: async_sessionmaker[AsyncSession], arq_pool: ArqRedis, token: str
) -> tuple[uuid.UUID, Job]:
    """Write a ping outbox row (the worker's relay sends it): its id and the arq job to await."""
    outbox_id = uuid.uuid4()
    async with sessions() as session, session.begin():
        await session.execute(
            insert(OutboxMessage).values(
                id=outbox_id, job=outbox.Job.PING, payload={"token": token}
            )
        )
    return outbox_id, Job(str(outbox_id), arq_pool, _queue_name=QUEUE_NAME)


async def follow_ups(sessions: async_sessionmaker[AsyncSession], probe: str) -> dict[str, int]:
    """How many follow-up rows each of the probe's steps wrote."""
    token = OutboxMessage.payload["token"].astext
    async with sessions() as session:
        rows = await session.execute(
            select(token, func.count())
            .where(OutboxMessage.job == outbox.Job.PING, token.like(f"{probe}:%"))
            .group_by(token)
        )
        return {str(name): int(count) for name, count in rows.all()}


async def send_probe(sessions: async_sessionmaker[AsyncSession], probe: str) -> uuid.UUID:
    """Write the outbox row the worker's relay turns into the probe job."""
    outbox_id = uuid.uuid4()
    async with sessions() as session, session.begin():
        await session.execute(
            insert(OutboxMessage).values(
                id=outbox_id, job=outbox.Job.OUTBOX_PROBE, payload={"probe": probe}
            )
        )
    return outbox_id


@asynccontextmanager
async def holding_step(
    sessions: async_sessionmaker[AsyncSession], probe: str, step: int
) -> AsyncIterator[None]:
    """Hold the advisory lock the probe's ``step`` takes, until the block ends."""
    async with sessions() as session, session.begin():
        await session.execute(
            select(func.pg_advisory_xact_lock(func.hashtext(step_token(probe, step))))
        )
        yield


async def crash_mid_job(
    sessions: async_sessionmaker[AsyncSession],
    arq_pool: ArqRedis,
    worker: WorkerProcess,
    *,
    hard: bool,
) -> tuple[str, Job]:
    """Run a probe, end the worker while the probe waits for step 2, start a new worker."""
    probe = uuid.uuid4().hex
    await asyncio.to_thread(worker.start)
    async with holding_step(sessions, probe, 2):
        outbox_id = await send_probe(sessions, probe)

        async def step_one_done() -> bool:
            return await follow_ups(sessions, probe) == {step_token(probe, 1): 1}

        await eventually(step_one_done)
        await asyncio.to_thread(worker.kill if hard else worker.stop)
    assert await follow_ups(sessions, probe) == {step_token(probe, 1): 1}
    await asyncio.to_thread(worker.restart)
    return probe, Job(str(outbox_id), arq_pool, _queue_name=QUEUE_NAME)


async def assert_completed_once(
    sessions: async_sessionmaker[AsyncSession], probe: str, job: Job, within: float
) -> None:
    # The second run applied only step 2: step 1 was already committed.
    assert await result_of(job, within) == 1
    info = await job.result_info()
    assert info is not None
    assert info.job_try == 2
    assert await follow_ups(sessions, probe) == {step_token(probe, 1): 1, step_token(probe, 2): 1}


async def test_a_killed_workers_job_runs_again_with_its_effect_once(
    sessions: async_sessionmaker[AsyncSession],
    arq_pool: ArqRedis,
    worker_process: WorkerProcess,
) -> None:
    probe, job = await crash_mid_job(sessions, arq_pool, worker_process, hard=True)
    await assert_completed_once(sessions, probe, job, within=worker_process.recovery_seconds + 30)


async def test_a_stopped_workers_job_runs_again_with_its_effect_once(
    sessions: async_sessionmaker[AsyncSession],
    arq_pool: ArqRedis,
    worker_factory: WorkerFactory,
) -> None:
    # The job outlives the shutdown grace (it waits for the test's lock): it is handed back.
    worker = worker_factory(worker_shutdown_grace_seconds=1)
    probe, job = await crash_mid_job(sessions, arq_pool, worker, hard=False)
    await assert_completed_once(sessions, probe, job, within=worker.recovery_seconds + 30)
    # The follow-up rows went through the relay and the worker too.
    token = OutboxMessage.payload["token"].astext
    async with sessions() as session:
        rows = (
            await session.execute(
                select(OutboxMessage.id, token).where(
                    OutboxMessage.job == outbox.Job.PING, token.like(f"{probe}:%")
                )
            )
        ).all()
    assert len(rows) == 2
    for outbox_id, step in rows:
        ping = Job(str(outbox_id), arq_pool, _queue_name=QUEUE_NAME)
        assert await result_of(ping) == f"{step}:{outbox_id}"


async def test_worker_serves_its_metrics_on_loopback(
    sessions: async_sessionmaker[AsyncSession],
    arq_pool: ArqRedis,
    worker_factory: WorkerFactory,
) -> None:
    port = free_port()
    worker = worker_factory(worker_metrics_port=port)
    await asyncio.to_thread(worker.start)
    outbox_id, job = await send_ping(sessions, arq_pool, "m")
    assert await result_of(job) == f"m:{outbox_id}"

    def scrape() -> str:
        url = f"http://127.0.0.1:{port}/metrics"
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode()

    text = await asyncio.to_thread(scrape)
    relayed = next(
        line
        for line in text.splitlines()
        if line.startswith('qaqpa_outbox_relayed_total{job="ping"}')
    )
    assert float(relayed.split()[-1]) >= 1
    assert "qaqpa_outbox_lag_seconds " in text
