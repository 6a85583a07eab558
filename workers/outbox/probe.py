"""``outbox_probe``: a diagnostic job that shows at-least-once delivery is safe end to end.

It does what a workflow job does, in miniature: two steps, each in its own transaction, each
checking state before it acts, so a second run after a crash applies only what the first did
not commit. Each step writes a follow-up outbox row (a ``ping`` job whose token is
``PROBE:STEP``), which the relay then sends, so one probe also exercises outbox → relay →
worker → outbox → relay → worker. A transaction-scoped advisory lock per step serialises the
check and the write, because two runs of one job can overlap (a worker presumed dead may
still be running). Tests hold a step's lock to stop the job at a known point.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from registry.models import OutboxMessage
from registry.outbox import Job, enqueue
from workers.resources import resources_of

STEPS = (1, 2)


def step_token(probe: str, step: int) -> str:
    """The follow-up row's token, also the advisory lock's key (``hashtext`` of it)."""
    return f"{probe}:{step}"


async def outbox_probe(ctx: dict[str, Any], probe: str) -> int:
    """Apply the steps not yet applied; return how many this run applied."""
    sessions = resources_of(ctx).sessions
    applied = 0
    for step in STEPS:
        token = step_token(probe, step)
        async with sessions() as session, session.begin():
            await session.execute(select(func.pg_advisory_xact_lock(func.hashtext(token))))
            done = await session.scalar(
                select(OutboxMessage.id).where(
                    OutboxMessage.job == Job.PING,
                    OutboxMessage.payload["token"].astext == token,
                )
            )
            if done is None:
                await enqueue(session, Job.PING, {"token": token})
                applied += 1
    return applied
