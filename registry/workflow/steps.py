"""Starting a step: its due time is computed by the calendar when it starts, and stored.

Terms are the catalogue's strings. ``"0 working-days"`` means "the day of receipt": 18:30 of
the start day, or of the next working day (see registry.catalogue.model). A step with no term
of its own (``None``) gets no due time: it runs inside the service's total term.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from registry.calendar import Pause, Reason, WorkingCalendar, add_term, close_of_working_day
from registry.calendar import parse_term as parse_calendar_term
from registry.catalogue.model import Step
from registry.models import WorkflowStep

DAY_OF_RECEIPT = "0 working-days"


def due_time(
    calendar: WorkingCalendar, start: datetime, term: str, pauses: Sequence[Pause] = ()
) -> tuple[datetime, list[Reason]]:
    """When ``term`` started at ``start`` ends, the clock stopped during ``pauses``."""
    if term == DAY_OF_RECEIPT:
        return close_of_working_day(calendar, start)
    due = add_term(calendar, start, parse_calendar_term(term), pauses)
    return due.due, list(due.reasons)


def reasons_json(reasons: Sequence[Reason]) -> list[dict[str, Any]]:
    encoded: list[dict[str, Any]] = msgspec.to_builtins(list(reasons))
    return encoded


async def open_step(
    session: AsyncSession,
    *,
    application_id: uuid.UUID,
    service: str,
    step: Step,
    started_at: datetime,
    calendar: WorkingCalendar,
    assignee_id: uuid.UUID | None = None,
) -> WorkflowStep:
    due_at, reasons = (None, []) if step.term is None else due_time(calendar, started_at, step.term)
    return await session.scalar(
        insert(WorkflowStep)
        .values(
            application_id=application_id,
            service=service,
            step=step.code,
            role=step.role,
            state="open",
            started_at=started_at,
            term=step.term,
            due_at=due_at,
            reasons=reasons_json(reasons),
            assignee_id=assignee_id,
        )
        .returning(WorkflowStep)
    )  # type: ignore[return-value]


async def open_step_of(session: AsyncSession, application_id: uuid.UUID) -> WorkflowStep | None:
    return await session.scalar(
        select(WorkflowStep).where(
            WorkflowStep.application_id == application_id, WorkflowStep.state == "open"
        )
    )


async def close_open_step(
    session: AsyncSession,
    application_id: uuid.UUID,
    *,
    outcome: str,
    actor_label: str,
    at: datetime,
) -> None:
    await session.execute(
        update(WorkflowStep)
        .where(WorkflowStep.application_id == application_id, WorkflowStep.state == "open")
        .values(state="done", completed_at=at, completed_by=actor_label, outcome=outcome)
    )
