"""The reconciler: outbox work whose job never ended is sent to Redis again, same job id.

Why a reconciler rather than marking a row sent only once its job's effect committed: the relay
must take a row out of its scan as soon as the job is queued, or every relay would re-enqueue
it at every poll while it waits in a long queue. So ``sent_at`` stays "in Redis", and a second
mark, ``done_at``, is set by the job itself when it ends (workers/jobs/wrapping.py). A row sent
more than ``QAQPA_OUTBOX_RECONCILE_SECONDS`` ago and not done is a job Redis may have lost (a
restart without AOF, a failover, a flush); the reconciler enqueues it again under the row's id.
When Redis still holds the job (queued or running), arq refuses the duplicate id and nothing
happens; when it does not, the job runs again, which every job tolerates (they check state
first). A job that ended without its row being done -- arq's job timeout, or its tries used up
through an outage: the wrapper marks every other ending -- left a failed result in Redis,
kept for ``RESULT_KEEP_SECONDS`` (workers/settings.py), under which arq refuses the id too;
that result is deleted first (:func:`_forget_unfinished`), or such a job stayed stuck that
long (found by ``make chaos`` when results were kept an hour: a registration timed out under
load and its application stayed ``received``). So no job
depends on Redis keeping it: at worst it waits for the grace period. A job that failed for
good has ``done_at`` too and is not replayed.

It runs as an arq cron job every minute in every worker, and at every worker's start (a
fresh worker after a Redis restart drains what was lost). Concurrent reconcilers are harmless:
the job id makes their enqueues one job.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta
from typing import Any

import structlog
from arq.connections import ArqRedis
from arq.constants import job_key_prefix, result_key_prefix
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import OutboxMessage
from workers.outbox.relay import job_kwargs
from workers.resources import resources_of

logger = structlog.get_logger(__name__)

BATCH = 500


async def resend_lost(
    sessions: async_sessionmaker[AsyncSession],
    redis: ArqRedis,
    job_names: Collection[str],
    *,
    queue_name: str,
    grace_seconds: float,
) -> int:
    """Enqueue again the rows sent over ``grace_seconds`` ago and not done; how many arq took."""
    query = (
        select(OutboxMessage.id, OutboxMessage.job, OutboxMessage.payload)
        .where(
            OutboxMessage.sent_at.is_not(None),
            OutboxMessage.done_at.is_(None),
            OutboxMessage.sent_at < func.now() - timedelta(seconds=grace_seconds),
            OutboxMessage.job.in_(sorted(job_names)),
        )
        .order_by(OutboxMessage.sent_at)
        .limit(BATCH)
    )
    async with sessions() as session:
        rows = (await session.execute(query)).all()
    resent = 0
    for row in rows:
        try:
            kwargs = job_kwargs(row.payload)
        except ValueError:
            continue  # the relay never sent such a row; nothing to replay
        await _forget_unfinished(redis, str(row.id))
        queued = await redis.enqueue_job(
            row.job, _job_id=str(row.id), _queue_name=queue_name, **kwargs
        )
        resent += queued is not None
    if resent:
        logger.warning("outbox_jobs_resent", resent=resent, checked=len(rows))
    return resent


async def _forget_unfinished(redis: ArqRedis, job_id: str) -> None:
    """Delete the kept result of a job that is neither queued nor running (see the module doc).

    Its row is not done, so that result is a failure the wrapper did not see (a timeout,
    tries exhausted). While the job key exists the job is queued or running: left alone.
    """
    if not await redis.exists(job_key_prefix + job_id):
        await redis.delete(result_key_prefix + job_id)


async def reconcile_outbox(ctx: dict[str, Any]) -> int:
    """The cron job: :func:`resend_lost` with the worker's settings."""
    settings = resources_of(ctx).settings
    return await resend_lost(
        resources_of(ctx).sessions,
        ctx["redis"],
        ctx["job_names"],
        queue_name=ctx["queue_name"],
        grace_seconds=settings.outbox_reconcile_seconds,
    )
