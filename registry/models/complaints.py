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

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base


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
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"))
    number: Mapped[str] = mapped_column(String(64), unique=True)
    level: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    request: Mapped[str] = mapped_column(Text)
    attachments: Mapped[list[str]] = mapped_column(JSONB)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    counts_from: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    term: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    settle_term: Mapped[str] = mapped_column(String(32))
    settle_due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The calendar's reasons (registry.calendar.Reason as JSON): receipt, then the term's.
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    settle_reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    missed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("officers.id"))
    decision_text: Mapped[str | None] = mapped_column(Text)
    result_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("results.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
