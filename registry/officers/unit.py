"""A head's unit: the officers they manage and the overdue steps of their services.

A head (or unit head) manages an account whose services and offices lie within their own
(``*`` only within ``*``): a head of the precious-metals unit cannot deactivate a customs
officer, nor one whose account reaches further than theirs. They create accounts of the
roles below their own, within their own scope, never a peer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import Application, WorkflowStep
from registry.officers.roles import ALL
from registry.officers.scope import ScopedOfficer, scope_clause

CREATABLE_ROLES: dict[str, tuple[str, ...]] = {
    "head": ("clerk", "executor", "signer", "unit_head"),
    "unit_head": ("clerk", "executor", "signer"),
}


class OverdueCount(msgspec.Struct, frozen=True, kw_only=True):
    service: str
    step: str
    count: int
    oldest_due_at: datetime


def _within(theirs: Sequence[str], mine: Sequence[str]) -> bool:
    if ALL in mine:
        return True
    return ALL not in theirs and set(theirs) <= set(mine)


def manages(head: ScopedOfficer, officer: ScopedOfficer) -> bool:
    """Does ``officer``'s scope lie within ``head``'s (see the module doc)?"""
    return _within(officer.services, head.services) and _within(officer.offices, head.offices)


async def overdue_steps(
    session: AsyncSession, head: ScopedOfficer, now: datetime
) -> list[OverdueCount]:
    """Open steps past their due time, per service and step, within the head's scope."""
    rows = (
        await session.execute(
            select(
                WorkflowStep.service, WorkflowStep.step, func.count(), func.min(WorkflowStep.due_at)
            )
            .join(Application, Application.id == WorkflowStep.application_id)
            .where(
                WorkflowStep.state == "open",
                WorkflowStep.due_at < now,
                scope_clause(head, Application.service, Application.form),
            )
            .group_by(WorkflowStep.service, WorkflowStep.step)
            .order_by(func.min(WorkflowStep.due_at))
        )
    ).all()
    # min(due_at) of rows filtered on due_at < now is never NULL.
    return [
        OverdueCount(service=service, step=step, count=count, oldest_due_at=oldest)
        for service, step, count, oldest in rows
        if oldest is not None
    ]
