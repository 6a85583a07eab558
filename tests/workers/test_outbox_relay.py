"""The outbox relay against the real PostgreSQL and Redis.

Each test relays its own job name into its own arq queue, so rows other tests leave in the
shared outbox are not touched and no worker runs these jobs: what is in the queue is exactly
what the relay put there.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import msgspec
import pytest
from arq.connections import ArqRedis
from arq.jobs import Job, JobStatus
from arq.worker import create_worker
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.settings import Settings
from tests.workers.outbox_lanes import (
    Lane,
    commit_rows,
    queued,
    relay_for,
    running,
    unsent,
    write_rows,
)
from tests.workers.polling import eventually
from workers import metrics
from workers.outbox import OutboxRelay, job_kwargs
from workers.settings import WorkerSettings, worker_options


class _CrashError(Exception):
    """Stands for the relay dying between the enqueue and the commit."""


async def test_committed_rows_become_jobs_and_rolled_back_rows_never(
    sessions: async_sessionmaker[AsyncSession], arq_pool: ArqRedis, lane: Lane
) -> None:
    relay = relay_for(sessions, arq_pool, lane)
    committed = await commit_rows(sessions, lane.job, [{"n": 1}, {"n": 2, "who": "x"}])

    async with sessions() as session:
        transaction = await session.begin()
        in_flight = await write_rows(session, lane.job, [{"n": 3}])
        # A relay running while the transaction is open sees nothing of it.
        during = await relay.relay_once()
        await transaction.rollback()
    after = await relay.relay_once()

    assert set(during.relayed) == set(committed)
    assert after.claimed == 0
    assert await queued(arq_pool, lane) == {
        str(committed[0]): (lane.job, {"n": 1}),
        str(committed[1]): (lane.job, {"n": 2, "who": "x"}),
    }
    assert str(in_flight[0]) not in await queued(arq_pool, lane)
    assert await unsent(sessions, committed) == set()


async def test_concurrent_relays_never_enqueue_a_row_twice(
    sessions: async_sessionmaker[AsyncSession], arq_pool: ArqRedis, lane: Lane
) -> None:
    ids = await commit_rows(sessions, lane.job, [{"n": n} for n in range(150)])
    relays = [relay_for(sessions, arq_pool, lane, batch_size=7) for _ in range(2)]

    async def drain(relay: OutboxRelay) -> tuple[list[uuid.UUID], int]:
        sent: list[uuid.UUID] = []
        duplicates = 0
        while (batch := await relay.relay_once()).claimed:
            sent.extend(batch.relayed)
            duplicates += len(batch.duplicates)
        return sent, duplicates

    (first, first_dupes), (second, second_dupes) = await asyncio.gather(*map(drain, relays))

    # Disjoint claims: no row was enqueued by both, and arq never had to refuse one.
    assert set(first).isdisjoint(second)
    assert first and second
    assert sorted(first + second) == sorted(ids)
    assert first_dupes == second_dupes == 0
    assert await arq_pool.zcard(lane.queue) == len(ids)
    assert await unsent(sessions, ids) == set()


async def test_a_crash_before_the_commit_does_not_make_a_second_job(
    sessions: async_sessionmaker[AsyncSession], arq_pool: ArqRedis, lane: Lane
) -> None:
    relay = relay_for(sessions, arq_pool, lane)
    ids = await commit_rows(sessions, lane.job, [{"n": n} for n in range(3)])

    with pytest.raises(_CrashError):
        async with sessions() as session, session.begin():
            first = await relay.enqueue(await relay.claim(session, 10))
            raise _CrashError
    assert set(first.relayed) == set(ids)
    assert await unsent(sessions, ids) == set(ids)  # nothing was marked sent

    again = await relay.relay_once()

    assert set(again.duplicates) == set(ids)
    assert again.relayed == ()
    assert await arq_pool.zcard(lane.queue) == len(ids)
    assert await unsent(sessions, ids) == set()


async def test_a_flushed_redis_loses_nothing_not_yet_sent(
    sessions: async_sessionmaker[AsyncSession], arq_pool: ArqRedis, lane: Lane
) -> None:
    relay = relay_for(sessions, arq_pool, lane)
    sent_before = await commit_rows(sessions, lane.job, [{"n": 1}])
    await relay.relay_once()
    waiting = await commit_rows(sessions, lane.job, [{"n": 2}, {"n": 3}])

    await arq_pool.flushall()
    await relay.relay_once()

    # The rows still in the outbox reach the queue; one already sent is gone with Redis
    # (the outbox is not a replay log: jobs sent before a Redis loss are not re-sent).
    assert set(await queued(arq_pool, lane)) == {str(i) for i in waiting}
    assert str(sent_before[0]) not in await queued(arq_pool, lane)


async def test_rows_of_unknown_jobs_and_bad_payloads_block_nothing(
    sessions: async_sessionmaker[AsyncSession], arq_pool: ArqRedis, lane: Lane
) -> None:
    relay = relay_for(sessions, arq_pool, lane, batch_size=1)
    rejected_before = metrics.REGISTRY.get_sample_value("qaqpa_outbox_rejected_total") or 0.0
    async with sessions() as session, session.begin():
        # Oldest first: they would be claimed first if they were claimable at all.
        old = datetime.now(UTC) - timedelta(minutes=5)
        unknown = await write_rows(session, f"{lane.job}_unknown", [{"n": 0}], old)
        bad = await write_rows(session, lane.job, [{"_job_id": "x"}, [1, 2]], old)
    good = await commit_rows(sessions, lane.job, [{"n": 1}, {"n": 2}])

    batches = [await relay.relay_once() for _ in range(5)]

    assert [b.claimed for b in batches] == [1, 1, 1, 1, 0]
    assert {i for b in batches for i in b.rejected} == set(bad)
    assert set(await queued(arq_pool, lane)) == {str(i) for i in good}
    assert await unsent(sessions, unknown + bad + good) == set(unknown + bad)
    rejected_after = metrics.REGISTRY.get_sample_value("qaqpa_outbox_rejected_total")
    assert rejected_after == rejected_before + 2
    state = await relay.outbox_state()
    assert state.unroutable >= 1
    assert state.unsent >= 3


async def test_gauges_show_the_oldest_unsent_row(
    sessions: async_sessionmaker[AsyncSession], arq_pool: ArqRedis, lane: Lane
) -> None:
    relay = relay_for(sessions, arq_pool, lane)
    async with sessions() as session, session.begin():
        await write_rows(session, lane.job, [{"n": 1}], datetime.now(UTC) - timedelta(minutes=10))

    state = await relay.refresh_gauges()

    assert state.lag_seconds >= 600
    assert metrics.REGISTRY.get_sample_value("qaqpa_outbox_lag_seconds") == state.lag_seconds
    assert metrics.REGISTRY.get_sample_value("qaqpa_outbox_unsent") == state.unsent >= 1


async def test_the_run_loop_relays_rows_written_while_it_runs(
    sessions: async_sessionmaker[AsyncSession], arq_pool: ArqRedis, lane: Lane
) -> None:
    relay = relay_for(sessions, arq_pool, lane, batch_size=5, poll_seconds=0.05)
    async with running(relay):
        ids = await commit_rows(sessions, lane.job, [{"n": n} for n in range(12)])

        async def all_sent() -> bool:
            return not await unsent(sessions, ids)

        await eventually(all_sent)
    assert set(await queued(arq_pool, lane)) == {str(i) for i in ids}


async def test_drain_sends_batches_until_one_is_not_full(
    sessions: async_sessionmaker[AsyncSession], arq_pool: ArqRedis, lane: Lane
) -> None:
    relay = relay_for(sessions, arq_pool, lane, batch_size=5)
    ids = await commit_rows(sessions, lane.job, [{"n": n} for n in range(12)])

    assert await relay.drain() == 12
    assert await unsent(sessions, ids) == set()
    assert await arq_pool.zcard(lane.queue) == 12


@pytest.mark.parametrize(
    "payload", [[1], "text", {"_defer_by": 10}, {"not an identifier": 1}, {"1x": 1}]
)
def test_payloads_that_cannot_be_keyword_arguments(payload: object) -> None:
    with pytest.raises(ValueError, match="payload"):
        job_kwargs(payload)


def test_job_kwargs_keeps_a_valid_payload() -> None:
    assert job_kwargs({"application_id": "a", "n": [1]}) == {"application_id": "a", "n": [1]}


async def test_worker_options_bound_how_long_a_dead_workers_job_waits(settings: Settings) -> None:
    short = msgspec.structs.replace(settings, job_timeout_seconds=3.0)
    worker = create_worker(WorkerSettings, handle_signals=False, **worker_options(short))  # type: ignore[arg-type]
    # arq keeps a started job's in-progress key for the longest timeout + 10 s; the CRL cron's
    # own 120 s would otherwise set it for every job.
    assert worker.in_progress_timeout_s == 13.0
    assert set(worker_options(short)["ctx"]["job_names"]) >= {"ping", "outbox_probe"}


async def test_a_burst_worker_relays_and_runs_the_pending_outbox_jobs(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], arq_pool: ArqRedis
) -> None:
    [outbox_id] = await commit_rows(sessions, "ping", [{"token": "burst"}])

    worker = create_worker(WorkerSettings, burst=True, **worker_options(settings))  # type: ignore[arg-type]
    try:
        await worker.main()
    finally:
        await worker.close()

    job = Job(str(outbox_id), arq_pool, _queue_name=WorkerSettings.queue_name)
    assert await job.status() == JobStatus.complete
    assert await job.result(timeout=1) == f"burst:{outbox_id}"
    assert await unsent(sessions, [outbox_id]) == set()
