"""Decree transfers of days off: the operators' part of the working-time calendar.

One row per date whose working status a decree changed (see
:mod:`registry.calendar.transfers`, which also holds the seeded rows).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import IinBin, NowByDefault, OfficerId


class CalendarTransfer(Base):
    __tablename__ = "calendar_transfers"
    __table_args__ = (CheckConstraint("kind IN ('off', 'working')", name="kind"),)

    date: Mapped[date] = mapped_column(primary_key=True)
    # 'off': a working day made a day off; 'working': a weekend day made a working day.
    kind: Mapped[str] = mapped_column(String(16))
    decree: Mapped[str]
    created_at: Mapped[NowByDefault]


class CalendarTransferProposal(Base):
    """A head's proposal to add or remove a decree transfer, applied when a second head
    (another person: four eyes, by IIN) confirms it (registry/calendar/proposals.py)."""

    __tablename__ = "calendar_transfer_proposals"
    __table_args__ = (
        CheckConstraint("action IN ('add', 'remove')", name="action"),
        CheckConstraint(
            "(action = 'add') = (kind IS NOT NULL) "
            "AND (kind IS NULL OR kind IN ('off', 'working'))",
            name="kind_for_add",
        ),
        CheckConstraint("status IN ('proposed', 'confirmed')", name="known_status"),
        CheckConstraint(
            "(status = 'confirmed') = (confirmed_at IS NOT NULL)", name="confirmed_when"
        ),
        CheckConstraint(
            "confirmed_by_iin IS NULL OR confirmed_by_iin <> proposed_by_iin", name="four_eyes"
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(16))
    date: Mapped[date]
    kind: Mapped[str | None] = mapped_column(String(16))
    decree: Mapped[str]
    status: Mapped[str] = mapped_column(String(16))
    proposed_by: Mapped[OfficerId]
    proposed_by_iin: Mapped[IinBin]
    proposed_at: Mapped[datetime]
    confirmed_by: Mapped[OfficerId | None]
    confirmed_by_iin: Mapped[IinBin | None]
    confirmed_at: Mapped[datetime | None]
    # The due times the confirmation moved (registry.workflow.rederive.DueTimeChange as JSON).
    changes: Mapped[list[dict[str, Any]] | None]
