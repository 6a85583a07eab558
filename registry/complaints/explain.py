"""Complaint due times for ``qaqpa deadlines explain``: received, counts from, due, and why."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import Complaint
from registry.row_views import from_row


class ComplaintExplanation(msgspec.Struct, frozen=True, kw_only=True):
    number: str
    level: str
    status: str
    received_at: datetime
    counts_from: datetime
    term: str
    due_at: datetime
    settle_term: str
    settle_due_at: datetime
    decided_at: datetime | None
    missed: bool  # computed: missed_at is set
    reasons: list[dict[str, Any]]
    settle_reasons: list[dict[str, Any]]


async def explain_complaints(
    session: AsyncSession, application_id: uuid.UUID
) -> list[ComplaintExplanation]:
    """The application's complaints with their stored terms and the calendar's reasons."""
    rows = await session.scalars(
        select(Complaint)
        .where(Complaint.application_id == application_id)
        .order_by(Complaint.received_at, Complaint.number)
    )
    return [from_row(ComplaintExplanation, row, missed=row.missed_at is not None) for row in rows]


def render_complaints(
    complaints: list[ComplaintExplanation], lang: str, when: Callable[[Any], str]
) -> list[str]:
    """Text lines for the CLI; ``when`` formats a moment as the rest of the output does."""
    lines: list[str] = []
    for complaint in complaints:
        flag = "  MISSED" if complaint.missed else ""
        lines.append(
            f"- complaint {complaint.number} [{complaint.level}, {complaint.status}] received "
            f"{when(complaint.received_at)}, counts from {when(complaint.counts_from)}, "
            f"term {complaint.term}, due {when(complaint.due_at)}; settle within "
            f"{complaint.settle_term}, by {when(complaint.settle_due_at)}; decided "
            f"{when(complaint.decided_at)}{flag}"
        )
        lines += [f"    · {reason['text'][lang]}" for reason in complaint.reasons]
    return lines
