"""Deadlines as data: finding missed ones, counting overdue ones, explaining each due time.

:func:`record_missed` is the worker cron's body: every open step past its stored due time gets
``missed_at`` and a ``deadline_missed`` event, once (an application locked by a running
transition is skipped and caught on the next run). :func:`explain` is what
``qaqpa deadlines explain`` prints: each step's start, term, due time and the calendar's reasons
(weekends, holidays, lunch, after 17:00, pauses).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, TypeVar

import msgspec
from redis.asyncio import Redis
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import InstrumentedAttribute

from registry.applications.events import append_event
from registry.applications.status_cache import invalidate_status
from registry.complaints.explain import ComplaintExplanation, explain_complaints
from registry.models import Application, Event, WorkflowPause, WorkflowStep
from registry.row_views import from_row
from registry.workflow.actors import SYSTEM
from registry.workflow.rederive import DUE_TIME_REDERIVED, DueTimeMoved

DEADLINE_MISSED = "deadline_missed"
BATCH = 200
T = TypeVar("T")


async def overdue_candidates(
    sessions: async_sessionmaker[AsyncSession],
    key: InstrumentedAttribute[T],
    still_open: ColumnElement[bool],
    due: InstrumentedAttribute[Any],
    missed: InstrumentedAttribute[datetime | None],
    now: datetime,
) -> list[T]:
    """The keys of up to :data:`BATCH` open rows past their due time whose miss is not
    recorded yet, most overdue first: what a missed-deadline run (steps, complaints) re-checks
    one by one under the application's lock."""
    async with sessions() as session:
        rows = await session.scalars(
            select(key).where(still_open, due < now, missed.is_(None)).order_by(due).limit(BATCH)
        )
        return list(rows.all())


async def record_missed(
    sessions: async_sessionmaker[AsyncSession], now: datetime, *, redis: Redis | None = None
) -> int:
    """Record every newly missed deadline; how many were recorded (status caches cleared)."""
    recorded = 0
    candidates = await overdue_candidates(
        sessions,
        WorkflowStep.id,
        WorkflowStep.state == "open",
        WorkflowStep.due_at,
        WorkflowStep.missed_at,
        now,
    )
    for step_id in candidates:
        async with sessions() as session, session.begin():
            step = await session.get(WorkflowStep, step_id)
            if step is None:
                continue
            application = await session.scalar(
                select(Application)
                .where(Application.id == step.application_id)
                .with_for_update(skip_locked=True)
            )
            if application is None:  # locked by a transition now: the next run sees it
                continue
            await session.refresh(step)
            if step.state != "open" or step.missed_at is not None or step.due_at is None:
                continue
            if application.paused_at is not None:  # the clock stands still
                continue
            step.missed_at = now
            await append_event(
                session,
                application.id,
                DEADLINE_MISSED,
                SYSTEM.label,
                {"step": step.step, "role": step.role, "due_at": step.due_at.isoformat()},
                now,
            )
            recorded += 1
        if redis is not None:
            await invalidate_status(redis, step.application_id)
    return recorded


class OverdueCount(msgspec.Struct, frozen=True):
    service: str
    step: str
    count: int


async def overdue_counts(session: AsyncSession, now: datetime) -> list[OverdueCount]:
    rows = await session.execute(
        select(WorkflowStep.service, WorkflowStep.step, func.count())
        .where(WorkflowStep.state == "open", WorkflowStep.due_at < now)
        .group_by(WorkflowStep.service, WorkflowStep.step)
    )
    return [OverdueCount(service, step, count) for service, step, count in rows.all()]


class StepExplanation(msgspec.Struct, frozen=True, kw_only=True):
    step: str
    role: str
    state: str
    started_at: datetime
    term: str | None
    due_at: datetime | None
    completed_at: datetime | None
    missed: bool  # computed: missed_at is set
    reasons: list[dict[str, Any]]


class PauseExplanation(msgspec.Struct, frozen=True, kw_only=True):
    reason: str
    paused_at: datetime
    resumed_at: datetime | None


class DueTimeMove(DueTimeMoved, frozen=True, kw_only=True):
    """A stored due time a decree transfer moved, as the event chain holds it."""

    occurred_at: datetime
    actor: str


class Explanation(msgspec.Struct, frozen=True, kw_only=True):
    application_id: uuid.UUID
    service: str
    status: str
    received_at: datetime
    counts_from: datetime
    total_due_at: datetime | None
    paused: bool
    steps: list[StepExplanation]
    pauses: list[PauseExplanation]
    complaints: list[ComplaintExplanation] = []  # registry.complaints
    # Due times moved by decree transfers after they were stored (registry.workflow.rederive).
    moves: list[DueTimeMove] = []


async def due_time_moves(session: AsyncSession, application_id: uuid.UUID) -> list[DueTimeMove]:
    events = await session.scalars(
        select(Event)
        .where(Event.application_id == application_id, Event.kind == DUE_TIME_REDERIVED)
        .order_by(Event.seq)
    )
    return [
        msgspec.convert(
            {**event.data, "occurred_at": event.occurred_at, "actor": event.actor},
            DueTimeMove,
            strict=False,
        )
        for event in events
    ]


async def explain(session: AsyncSession, application_id: uuid.UUID) -> Explanation | None:
    application = await session.get(Application, application_id)
    if application is None:
        return None
    steps = await session.scalars(
        select(WorkflowStep)
        .where(WorkflowStep.application_id == application_id)
        .order_by(WorkflowStep.id)
    )
    pauses = await session.scalars(
        select(WorkflowPause)
        .where(WorkflowPause.application_id == application_id)
        .order_by(WorkflowPause.paused_at)
    )
    return from_row(
        Explanation,
        application,
        application_id=application.id,
        paused=application.paused_at is not None,
        steps=[from_row(StepExplanation, row, missed=row.missed_at is not None) for row in steps],
        pauses=[from_row(PauseExplanation, pause) for pause in pauses],
        complaints=await explain_complaints(session, application_id),
        moves=await due_time_moves(session, application_id),
    )
