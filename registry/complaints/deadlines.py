"""Missed complaint deadlines: recorded once each, as ``complaint_deadline_missed`` events.

The worker cron calls :func:`record_missed_complaints` beside
:func:`registry.workflow.deadlines.record_missed`, in the same way: candidates are read first,
then each is handled in its own transaction under its application's row lock (an application
locked by a running change is skipped and caught on the next run) and re-checked there, so two
runs record a complaint once. The settlement term is not a deadline: after it the official
may still uphold or reject, only no longer settle.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import append_event
from registry.applications.status_cache import invalidate_status
from registry.calendar import to_local
from registry.models import Application, Complaint
from registry.workflow.actors import SYSTEM
from registry.workflow.deadlines import overdue_candidates

COMPLAINT_DEADLINE_MISSED = "complaint_deadline_missed"


async def _record_one(
    sessions: async_sessionmaker[AsyncSession], complaint_id: uuid.UUID, now: datetime
) -> uuid.UUID | None:
    """Record one missed complaint; its application's id, or None when nothing was recorded."""
    async with sessions() as session, session.begin():
        complaint = await session.get(Complaint, complaint_id)
        if complaint is None:
            return None
        application = await session.scalar(
            select(Application)
            .where(Application.id == complaint.application_id)
            .with_for_update(skip_locked=True)
        )
        if application is None:  # locked by a change now: the next run sees it
            return None
        await session.refresh(complaint)
        if complaint.status != "open" or complaint.missed_at is not None or complaint.due_at >= now:
            return None
        complaint.missed_at = now
        await append_event(
            session,
            application.id,
            COMPLAINT_DEADLINE_MISSED,
            SYSTEM.label,
            {
                "complaint_id": str(complaint.id),
                "number": complaint.number,
                "level": complaint.level,
                "due_at": to_local(complaint.due_at).isoformat(),
            },
            now,
        )
        return application.id


async def record_missed_complaints(
    sessions: async_sessionmaker[AsyncSession], now: datetime, *, redis: Redis | None = None
) -> int:
    """Record every newly missed complaint review term; how many were recorded.

    With ``redis``, each touched application's status cache entry is deleted after commit
    (the status document shows the latest events).
    """
    candidates = await overdue_candidates(
        sessions,
        Complaint.id,
        Complaint.status == "open",
        Complaint.due_at,
        Complaint.missed_at,
        now,
    )
    recorded = 0
    for complaint_id in candidates:
        application_id = await _record_one(sessions, complaint_id, now)
        if application_id is None:
            continue
        recorded += 1
        if redis is not None:
            await invalidate_status(redis, application_id)
    return recorded
