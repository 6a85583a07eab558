"""Complaints (pre-trial appeals) about a service: registered on receipt, with stored due times.

A complaint belongs to an application. Its two terms (the review term and the shorter term in
which the official may settle by granting the request) are computed by the calendar when it is
registered and stored with the calendar's reasons, like a workflow step's due time. A decision
closes it and points at the result record of the decision document.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import ApplicationId, NowByDefault, OfficerId


class Complaint(Base):
    __tablename__ = "complaints"
    __table_args__ = (
        CheckConstraint("level IN ('provider', 'authority')", name="known_level"),
        CheckConstraint("status IN ('open', 'settled', 'upheld', 'rejected')", name="known_status"),
        # A decided complaint says when; an open one has no decision.
        CheckConstraint("(status = 'open') = (decided_at IS NULL)", name="decided_when_closed"),
        Index("ix_complaints_application", "application_id", "received_at"),
        # The officers' list and the deadline cron read open complaints by due time.
        Index("ix_complaints_open_due", "due_at", postgresql_where=text("status = 'open'")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    application_id: Mapped[ApplicationId]
    number: Mapped[str] = mapped_column(String(64), unique=True)
    level: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    text: Mapped[str]
    request: Mapped[str]
    attachments: Mapped[list[str]]
    received_at: Mapped[datetime]
    counts_from: Mapped[datetime]
    term: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime]
    settle_term: Mapped[str] = mapped_column(String(32))
    settle_due_at: Mapped[datetime]
    # The calendar's reasons (registry.calendar.Reason as JSON): receipt, then the term's.
    reasons: Mapped[list[dict[str, Any]]]
    settle_reasons: Mapped[list[dict[str, Any]]]
    missed_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[OfficerId | None]
    decision_text: Mapped[str | None]
    result_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("results.id"))
    created_at: Mapped[NowByDefault]
