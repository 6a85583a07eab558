"""SIGTERM to a real ``qaqpa worker``: no new jobs, running ones finish (or are handed back).

arq's default signal handler cancelled every running job at once, so a deploy's SIGTERM threw
away work a second from done (the job was re-queued and run again from its start). The worker
now waits up to ``QAQPA_WORKER_SHUTDOWN_GRACE_SECONDS`` (capped at the job timeout) for its
running jobs and starts no others meanwhile; a job still running after that is cancelled and
re-queued, which tests/workers/test_worker_crash.py covers.

The running job is ``outbox_probe`` held at its step 2 by the test (see test_worker_crash.py).
"""

from __future__ import annotations

import asyncio
import uuid

from arq.connections import ArqRedis
from arq.jobs import Job, JobStatus
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.workers.conftest import WorkerFactory
from tests.workers.polling import eventually
from tests.workers.test_worker_crash import follow_ups, holding_step, result_of, send_probe
from tests.workers.worker_process import WorkerProcess
from workers.outbox.probe import step_token
from workers.settings import QUEUE_NAME

STOPPING_MARKER = "allow_pick_jobs"  # arq logs it when its SIGTERM handler has run


async def stopping(worker: WorkerProcess) -> bool:
    return STOPPING_MARKER in worker.log_text()


async def test_sigterm_lets_the_running_job_finish_and_starts_no_other(
    sessions: async_sessionmaker[AsyncSession],
    arq_pool: ArqRedis,
    worker_factory: WorkerFactory,
) -> None:
    # A grace far longer than the test needs: the job ends when the test lets it.
    worker = worker_factory(job_timeout=60.0, worker_shutdown_grace_seconds=60.0)
    await asyncio.to_thread(worker.start)
    probe = uuid.uuid4().hex
    async with holding_step(sessions, probe, 2):
        outbox_id = await send_probe(sessions, probe)

        async def step_one_done() -> bool:
            return await follow_ups(sessions, probe) == {step_token(probe, 1): 1}

        await eventually(step_one_done)
        worker.terminate()
        await eventually(lambda: stopping(worker))
        # Queued after the signal: the stopping worker must leave it to another one.
        late = await arq_pool.enqueue_job("ping", "late", _job_id=f"late-{probe}")
        assert late is not None
    # Step 2's lock is free: the job finishes in the worker that was told to stop.
    assert await asyncio.to_thread(worker.wait) == 0
    job = Job(str(outbox_id), arq_pool, _queue_name=QUEUE_NAME)
    assert await job.result(timeout=5) == 2  # both steps, in this one run
    info = await job.result_info()
    assert info is not None
    assert info.job_try == 1  # not cancelled and run again
    assert await follow_ups(sessions, probe) == {step_token(probe, 1): 1, step_token(probe, 2): 1}
    assert await late.status() == JobStatus.queued
    # The next worker takes it.
    await asyncio.to_thread(worker.restart)
    assert await result_of(late) == f"late:late-{probe}"
