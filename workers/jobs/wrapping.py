"""The one wrapper every outbox job function runs in (applied in workers/settings.py).

A dependency outage (:func:`registry.outages.is_outage`: PostgreSQL or Redis refusing, dropping
a connection, restarting, the pool timing out) raised by the job becomes
:class:`arq.worker.Retry` with a growing delay (:func:`retry_delay`): arq re-runs a job only on
``Retry``, so without this a PostgreSQL restart failed every job it met for good, and the
worker burned through its queue in a second. The delay also keeps the worker from spinning
through the queue while the dependency is down. Every other exception is permanent and stays
recorded once as before (arq's failed result, the log; signing records ``signing_failed``).
After ``max_tries`` arq gives up; the row is not done, so the reconciler sends it again later.

When the job ends, its outbox row is marked done (``done_at``): the reconciler
(workers/outbox/reconciler.py) then knows its effect happened and Redis need not keep it. The
arq job id is the outbox row's id; a job enqueued otherwise (tests, ``qaqpa`` diagnostics)
matches no row and marks nothing.
"""

from __future__ import annotations

import functools
import uuid
from typing import Any

import structlog
from arq.typing import WorkerCoroutine
from arq.worker import Retry
from sqlalchemy import func, update

from registry.models import OutboxMessage
from registry.outages import is_outage
from workers.resources import resources_of

logger = structlog.get_logger(__name__)

FIRST_DELAY_SECONDS = 5.0
MAX_DELAY_SECONDS = 60.0


def retry_delay(job_try: int) -> float:
    """Seconds before try ``job_try + 1``: 5, 10, 20, 40, then 60."""
    return min(FIRST_DELAY_SECONDS * 2.0 ** max(job_try - 1, 0), MAX_DELAY_SECONDS)


async def mark_done(ctx: dict[str, Any]) -> None:
    """Set the job's outbox row's ``done_at`` (once; a re-run leaves the first time)."""
    try:
        outbox_id = uuid.UUID(str(ctx.get("job_id")))
    except ValueError:
        return
    async with resources_of(ctx).sessions() as session, session.begin():
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == outbox_id, OutboxMessage.done_at.is_(None))
            .values(done_at=func.now())
        )


def outbox_job(function: WorkerCoroutine) -> WorkerCoroutine:
    """``function`` as an outbox job: its row is marked done when it returns or fails for good
    (any exception but :class:`arq.worker.Retry`).

    ``functools.wraps`` keeps the name arq registers (and the relay routes) unchanged.
    """

    @functools.wraps(function)
    async def job(ctx: dict[Any, Any], *args: Any, **kwargs: Any) -> Any:
        try:
            result = await function(ctx, *args, **kwargs)
        except Retry:
            raise  # arq runs it again: not done
        except Exception as exc:
            if is_outage(exc):
                raise retry(ctx, function, exc) from exc
            # arq will not run it again (it retries on Retry only): done, with its failure
            # in arq's result and the log. Replaying it would only fail the same way.
            try:
                await mark_done(ctx)
            except Exception as mark_exc:
                if is_outage(mark_exc):
                    raise retry(ctx, function, mark_exc) from exc
                raise
            raise
        try:
            await mark_done(ctx)
        except Exception as exc:
            if is_outage(exc):  # the effect is committed; a re-run finds it and marks done
                raise retry(ctx, function, exc) from exc
            raise
        return result

    return job


def cron_job(function: WorkerCoroutine) -> WorkerCoroutine:
    """``function`` as a cron job: an outage becomes :class:`arq.worker.Retry` with back-off,
    as in :func:`outbox_job` (a cron job has no outbox row to mark).

    Without it a deadline check or a reconciler pass that met a PostgreSQL restart failed,
    and nothing ran until the next scheduled time.
    """

    @functools.wraps(function)
    async def job(ctx: dict[Any, Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return await function(ctx, *args, **kwargs)
        except Retry:
            raise
        except Exception as exc:
            if is_outage(exc):
                raise retry(ctx, function, exc) from exc
            raise

    return job


def retry(ctx: dict[Any, Any], function: WorkerCoroutine, exc: BaseException) -> Retry:
    """The :class:`Retry` for an outage met by ``function`` on this try (logged, no traceback)."""
    job_try = int(ctx.get("job_try") or 1)
    delay = retry_delay(job_try)
    logger.warning(
        "job_dependency_unavailable",
        job=getattr(function, "__name__", "?"),
        job_id=ctx.get("job_id"),
        job_try=job_try,
        retry_in=delay,
        error=type(exc).__name__,
    )
    return Retry(defer=delay)
