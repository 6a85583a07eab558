"""Stopping and restarting the service clock (S8: waiting for the foreign ministry or a
foreign body; 004 p.10: the 30 working days exclude that time).

While paused, neither the open step's term nor the service's total term runs. On resume both
due times are computed again from their starts with every pause since, and stored, so the
stored due time is always the one that counts and the calendar's reasons include the pause.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.applications.events import append_event
from registry.calendar import Pause, WorkingCalendar, current_calendar
from registry.models import Application, WorkflowPause, WorkflowStep
from registry.workflow.actors import Actor
from registry.workflow.engine import definition_of
from registry.workflow.errors import InvalidTransitionError
from registry.workflow.steps import due_time, open_step_of, reasons_json

CLOCK_PAUSED = "clock_paused"
CLOCK_RESUMED = "clock_resumed"


async def pauses_of(session: AsyncSession, application: Application) -> list[Pause]:
    rows = await session.scalars(
        select(WorkflowPause)
        .where(WorkflowPause.application_id == application.id)
        .where(WorkflowPause.resumed_at.is_not(None))
        .order_by(WorkflowPause.paused_at)
    )
    return [
        Pause(paused_at=row.paused_at, resumed_at=row.resumed_at) for row in rows if row.resumed_at
    ]


def restore_step_due(
    calendar: WorkingCalendar, step: WorkflowStep, term: str, pauses: Sequence[Pause]
) -> datetime:
    """Compute and store ``step``'s due time again from its start, term and the application's
    finished ``pauses`` (those before the step started do not count); the new due time."""
    clipped = [
        Pause(paused_at=max(p.paused_at, step.started_at), resumed_at=p.resumed_at)
        for p in pauses
        if p.resumed_at > step.started_at
    ]
    due_at, reasons = due_time(calendar, step.started_at, term, clipped)
    step.due_at = due_at
    step.reasons = reasons_json(reasons)
    return due_at


def total_due(
    calendar: WorkingCalendar, application: Application, pauses: Sequence[Pause]
) -> datetime | None:
    """The service's total due time from the application's start and finished ``pauses``
    (None for a service without a total term)."""
    total_term = definition_of(application).total_term
    if total_term is None:
        return None
    due_at, _ = due_time(calendar, application.counts_from, total_term, pauses)
    return due_at


async def pause(
    session: AsyncSession, application: Application, reason: str, actor: Actor, now: datetime
) -> None:
    if not definition_of(application).pausable:
        raise InvalidTransitionError(f"the {application.service} clock does not pause")
    if application.paused_at is not None:
        raise InvalidTransitionError("the clock is already paused")
    await session.execute(
        insert(WorkflowPause).values(application_id=application.id, reason=reason, paused_at=now)
    )
    application.paused_at = now
    application.updated_at = now
    await append_event(session, application.id, CLOCK_PAUSED, actor.label, {"reason": reason}, now)


async def resume(
    session: AsyncSession,
    application: Application,
    actor: Actor,
    now: datetime,
    calendar: WorkingCalendar | None = None,
) -> None:
    if application.paused_at is None:
        raise InvalidTransitionError("the clock is not paused")
    calendar = calendar or current_calendar()
    running = await session.scalar(
        select(WorkflowPause).where(
            WorkflowPause.application_id == application.id, WorkflowPause.resumed_at.is_(None)
        )
    )
    if running is not None:
        running.resumed_at = now
    application.paused_at = None
    application.updated_at = now
    await session.flush()
    pauses = await pauses_of(session, application)
    data: dict[str, object] = {
        "paused_at": None if running is None else running.paused_at.isoformat()
    }
    step = await open_step_of(session, application.id)
    if step is not None and step.term is not None:
        step.due_at = restore_step_due(calendar, step, step.term, pauses)
        data["step_due_at"] = step.due_at.isoformat()
    total_due_at = total_due(calendar, application, pauses)
    if total_due_at is not None:
        application.total_due_at = total_due_at
        data["total_due_at"] = total_due_at.isoformat()
    await append_event(session, application.id, CLOCK_RESUMED, actor.label, data, now)
