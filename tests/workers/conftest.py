"""Fixtures for worker tests: real ``qaqpa worker`` subprocesses against the session stack."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from arq import create_pool
from arq.connections import ArqRedis
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import OutboxMessage
from registry.settings import Settings
from tests.workers.outbox_lanes import JOB_PREFIX, Lane
from tests.workers.worker_process import WorkerProcess
from workers.settings import QUEUE_NAME, redis_settings

WorkerFactory = Callable[..., WorkerProcess]


@pytest.fixture
def worker_factory(settings: Settings, tmp_path: Path) -> Iterator[WorkerFactory]:
    """Make (not start) worker processes; all are killed at teardown.

    ``worker_factory(job_timeout=5.0, name="worker", **settings_overrides)``.
    """
    made: list[WorkerProcess] = []

    def make(
        *, job_timeout: float = 5.0, name: str = "worker", **overrides: object
    ) -> WorkerProcess:
        process = WorkerProcess(
            settings, tmp_path, job_timeout=job_timeout, name=f"{name}-{len(made)}", **overrides
        )
        made.append(process)
        return process

    try:
        yield make
    finally:
        for process in made:
            process.close()


@pytest.fixture
def worker_process(worker_factory: WorkerFactory) -> WorkerProcess:
    """One worker process (not started) with a 5 s job timeout."""
    return worker_factory()


@pytest.fixture
async def arq_pool(settings: Settings) -> AsyncIterator[ArqRedis]:
    """An arq client on the session Redis and the workers' queue."""
    pool = await create_pool(redis_settings(settings), default_queue_name=QUEUE_NAME)
    try:
        yield pool
    finally:
        await pool.aclose()


@pytest.fixture
async def lane(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[Lane]:
    """A job name and queue of this test's own; rows of its job names are deleted afterwards."""
    tag = uuid.uuid4().hex[:10]
    lane = Lane(job=f"{JOB_PREFIX}{tag}", queue=f"test-outbox:{tag}")
    try:
        yield lane
    finally:
        async with sessions() as session, session.begin():
            await session.execute(
                delete(OutboxMessage).where(OutboxMessage.job.startswith(lane.job))
            )
