"""The one wrapper every outbox job function runs in (applied in workers/settings.py).

When the job ends, its outbox row is marked done (``done_at``): the reconciler
(workers/outbox/reconciler.py) then knows its effect happened and Redis need not keep it. The
arq job id is the outbox row's id; a job enqueued otherwise (tests, ``qaqpa`` diagnostics)
matches no row and marks nothing.
"""

from __future__ import annotations

import functools
import uuid
from typing import Any

from arq.typing import WorkerCoroutine
from arq.worker import Retry
from sqlalchemy import func, update

from registry.models import OutboxMessage
from workers.resources import resources_of


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
        except Exception:
            # arq will not run it again (it retries on Retry only): done, with its failure
            # in arq's result and the log. Replaying it would only fail the same way.
            await mark_done(ctx)
            raise
        await mark_done(ctx)
        return result

    return job
