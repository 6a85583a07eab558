"""Dependency outages in the worker: retries with back-off, and a worker that outlives Redis.

Every job the worker registers, run while PostgreSQL refuses connections (a database URL on a
port nothing listens on: the real driver's real error), raises arq's ``Retry`` with a delay,
the only exception arq retries on. A worker whose Redis is stopped and started again keeps
running and serves jobs afterwards.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from arq import create_pool
from arq.cron import CronJob
from arq.jobs import Job
from arq.worker import Function, Retry

from registry.resources import Resources, open_resources
from registry.settings import Settings
from scripts.stack import RedisServer, free_port
from tests.conftest import scratch_redis
from tests.workers.conftest import WorkerFactory
from tests.workers.polling import eventually
from workers.settings import QUEUE_NAME, redis_settings, worker_options

ARGUMENTS: dict[str, dict[str, str]] = {
    "ping": {"token": "t"},
    "outbox_probe": {"probe": "p"},
    "register_application": {"application_id": str(uuid.uuid4())},
    "simulate_agency_answers": {"application_id": str(uuid.uuid4())},
    "sign_result": {"result_id": str(uuid.uuid4())},
    "release_paid_declarations": {"account_number": "KZ000"},
    "deliver_customs_notifications": {"application_id": str(uuid.uuid4()), "decision": "d"},
    "deliver_webhooks": {"endpoint_id": str(uuid.uuid4())},
}


@pytest.fixture
async def database_down(settings: Settings) -> AsyncIterator[Resources]:
    down = msgspec.structs.replace(
        settings, database_url=f"postgresql+asyncpg://qaqpa@127.0.0.1:{free_port()}/qaqpa"
    )
    async with open_resources(down, calendar_fallback=True) as resources:
        yield resources


def registered(settings: Settings) -> dict[str, Function]:
    functions: list[Function] = worker_options(settings)["functions"]
    return {function.name: function for function in functions}


def test_every_job_has_arguments_here(settings: Settings) -> None:
    assert set(registered(settings)) == set(ARGUMENTS)


@pytest.mark.parametrize("name", sorted(ARGUMENTS))
async def test_a_job_meeting_a_database_outage_is_retried_later(
    name: str, settings: Settings, database_down: Resources
) -> None:
    ctx: dict[str, Any] = {
        "resources": database_down,
        "job_id": str(uuid.uuid4()),
        "job_try": 2,
        "statedb": None,
        "issuer": None,
    }
    with pytest.raises(Retry) as raised:
        await registered(settings)[name].coroutine(ctx, **ARGUMENTS[name])
    assert raised.value.defer_score is not None and raised.value.defer_score > 0


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    with scratch_redis(tmp_path) as server:
        yield server


async def test_the_worker_outlives_a_redis_restart(
    settings: Settings, worker_factory: WorkerFactory, own_redis: RedisServer
) -> None:
    worker = worker_factory(redis_url=own_redis.url)
    await asyncio.to_thread(worker.start)
    await asyncio.to_thread(own_redis.stop)

    async def noticed() -> bool:
        return any(e.get("event") == "worker_redis_unavailable" for e in worker.log_events())

    await eventually(noticed)
    await asyncio.to_thread(own_redis.start)
    pool = await create_pool(
        redis_settings(msgspec.structs.replace(settings, redis_url=own_redis.url)),
        default_queue_name=QUEUE_NAME,
    )
    try:
        job = await pool.enqueue_job("ping", "after", _job_id="after-restart")
        assert isinstance(job, Job)
        assert await job.result(timeout=60) == "after:after-restart"
    finally:
        await pool.aclose()
    assert worker.running


def registered_cron(settings: Settings) -> dict[str, CronJob]:
    cron_jobs: list[CronJob] = worker_options(settings)["cron_jobs"]
    return {job.name: job for job in cron_jobs}


# The cron jobs that read PostgreSQL (refresh_crls reads CRLs over HTTP into Redis).
DATABASE_CRON_JOBS = ["cron:monitor_deadlines", "cron:reconcile_outbox", "cron:sweep_webhooks"]


def test_cron_jobs_are_listed_here(settings: Settings) -> None:
    assert set(registered_cron(settings)) == {*DATABASE_CRON_JOBS, "cron:refresh_crls"}


@pytest.mark.parametrize("name", DATABASE_CRON_JOBS)
async def test_a_cron_job_meeting_a_database_outage_is_retried_later(
    name: str, settings: Settings, database_down: Resources
) -> None:
    ctx: dict[str, Any] = {
        "resources": database_down,
        "job_id": f"{name}:1",
        "job_try": 1,
        "redis": database_down.redis,
        "job_names": ["ping"],
        "queue_name": QUEUE_NAME,
    }
    job = registered_cron(settings)[name]
    with pytest.raises(Retry) as raised:
        await job.coroutine(ctx)
    assert raised.value.defer_score is not None and raised.value.defer_score > 0
    assert (job.max_tries or 1) > 1  # else arq would record the Retry as a failure
