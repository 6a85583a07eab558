"""Stopping and restarting the service clock (S8: waiting for the foreign ministry or a
foreign body; 004 p.10: the 30 working days exclude that time).

While paused, neither the open step's term nor the service's total term runs. On resume both
due times are computed again from their starts with every pause since, and stored, so the
stored due time is always the one that counts and the calendar's reasons include the pause.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.applications.events import append_event
from registry.calendar import Pause, WorkingCalendar, current_calendar
from registry.models import Application, WorkflowPause
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
        during = [p for p in pauses if p.resumed_at > step.started_at]
        clipped = [
            Pause(paused_at=max(p.paused_at, step.started_at), resumed_at=p.resumed_at)
            for p in during
        ]
        step.due_at, reasons = due_time(calendar, step.started_at, step.term, clipped)
        step.reasons = reasons_json(reasons)
        data["step_due_at"] = step.due_at.isoformat()
    definition = definition_of(application)
    if definition.total_term is not None:
        application.total_due_at, _ = due_time(
            calendar, application.counts_from, definition.total_term, pauses
        )
        data["total_due_at"] = application.total_due_at.isoformat()
    await append_event(session, application.id, CLOCK_RESUMED, actor.label, data, now)
