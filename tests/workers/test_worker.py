"""The arq worker runs jobs from the real Redis and reports its health."""

from __future__ import annotations

from arq import create_pool
from arq.constants import result_key_prefix
from arq.worker import async_check_health, create_worker

from registry.settings import Settings
from workers.settings import (
    QUEUE_NAME,
    RESULT_KEEP_SECONDS,
    WorkerSettings,
    redis_settings,
    worker_options,
)


async def test_job_round_trip_and_health(settings: Settings) -> None:
    pool = await create_pool(redis_settings(settings), default_queue_name=QUEUE_NAME)
    try:
        job = await pool.enqueue_job("ping", "hello", _job_id="ping-test-1")
        assert job is not None
        # The same job id is not queued twice: that is what makes outbox re-sends safe.
        assert await pool.enqueue_job("ping", "hello", _job_id="ping-test-1") is None
        worker = create_worker(WorkerSettings, burst=True, **worker_options(settings))  # type: ignore[arg-type]
        await worker.main()
        assert await job.result(timeout=5) == "hello:ping-test-1"
        # `qaqpa worker --check` reads the sentinel a live worker keeps fresh...
        assert await async_check_health(redis_settings(settings), None, QUEUE_NAME) == 0
        await worker.close()
        # ...and a worker that stopped removes it.
        assert await async_check_health(redis_settings(settings), None, QUEUE_NAME) == 1
    finally:
        await pool.aclose()


async def test_a_finished_jobs_result_expires_within_a_minute(settings: Settings) -> None:
    # Nothing reads arq's results; kept an hour they grew Redis through a whole `make soak`.
    pool = await create_pool(redis_settings(settings), default_queue_name=QUEUE_NAME)
    try:
        job = await pool.enqueue_job("ping", "kept", _job_id="ping-test-kept")
        assert job is not None
        worker = create_worker(WorkerSettings, burst=True, **worker_options(settings))  # type: ignore[arg-type]
        await worker.main()
        await worker.close()
        assert await job.result(timeout=5) == "kept:ping-test-kept"
        ttl = await pool.ttl(result_key_prefix + "ping-test-kept")
        assert 0 < ttl <= RESULT_KEEP_SECONDS <= 60
    finally:
        await pool.aclose()
