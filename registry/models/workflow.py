"""The workflow's records: step instances with stored due times, clock pauses, results, numbering.

A step row is created when its step starts; its due time is computed then, by the calendar,
and stored with the calendar's reasons (which days and hours were skipped and why). Open steps
of officer roles are the officers' tasks. At most one step of an application is open.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import (
    ActorLabel,
    ApplicationId,
    IinBin,
    NowByDefault,
    OfficerId,
    SerialId,
)


class WorkflowStep(Base):
    __tablename__ = "workflow_steps"
    __table_args__ = (
        CheckConstraint("state IN ('open', 'done', 'cancelled')", name="known_state"),
        # One open step per application: the state machine is linear.
        Index(
            "uq_workflow_steps_open",
            "application_id",
            unique=True,
            postgresql_where=text("state = 'open'"),
        ),
        # The deadline cron and the worklist read open steps by due time.
        Index("ix_workflow_steps_open_due", "due_at", postgresql_where=text("state = 'open'")),
        Index("ix_workflow_steps_application", "application_id", "id"),
    )

    id: Mapped[SerialId]
    application_id: Mapped[ApplicationId]
    service: Mapped[str] = mapped_column(String(64))
    step: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime]
    term: Mapped[str | None] = mapped_column(String(32))
    due_at: Mapped[datetime | None]
    # The calendar's reasons for the due time (registry.calendar.Reason, as JSON).
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    assignee_id: Mapped[OfficerId | None]
    completed_at: Mapped[datetime | None]
    completed_by: Mapped[ActorLabel | None]
    outcome: Mapped[str | None] = mapped_column(String(64))
    missed_at: Mapped[datetime | None]


class WorkflowPause(Base):
    """A stop of the service clock (S8: waiting for the foreign ministry or a foreign body)."""

    __tablename__ = "workflow_pauses"
    __table_args__ = (
        Index(
            "uq_workflow_pauses_running",
            "application_id",
            unique=True,
            postgresql_where=text("resumed_at IS NULL"),
        ),
        CheckConstraint("resumed_at IS NULL OR resumed_at >= paused_at", name="ordered"),
    )

    id: Mapped[SerialId]
    application_id: Mapped[ApplicationId]
    reason: Mapped[str] = mapped_column(String(64))
    paused_at: Mapped[datetime]
    resumed_at: Mapped[datetime | None]


class Result(Base):
    """What a decision produced: the document's data, waiting for (then holding) its signature.

    Four eyes: the person (IIN) who prepared a result cannot be the one who signs it; the
    check constraint makes that a database fact, not only an application rule.
    """

    __tablename__ = "results"
    __table_args__ = (
        CheckConstraint(
            "status IN ('awaiting_signature', 'signed', 'cancelled')", name="known_status"
        ),
        CheckConstraint("outcome IN ('approved', 'refused')", name="known_outcome"),
        CheckConstraint(
            "signer_iin IS NULL OR prepared_by_iin IS NULL OR signer_iin <> prepared_by_iin",
            name="four_eyes",
        ),
        Index("ix_results_application", "application_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    application_id: Mapped[ApplicationId]
    kind: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(32))
    number: Mapped[str] = mapped_column(String(64), unique=True)
    # registry.results.document.ResultDocument as JSON: everything the document shows.
    document: Mapped[dict[str, Any]]
    prepared_by: Mapped[OfficerId | None]
    prepared_by_iin: Mapped[IinBin | None]
    signer_id: Mapped[OfficerId | None]
    signer_iin: Mapped[IinBin | None]
    approved_for_signature_at: Mapped[datetime | None]
    signed_at: Mapped[datetime | None]
    created_at: Mapped[NowByDefault]


class JournalCounter(Base):
    """The last number given in a journal in a year (numbering restarts each year, 001 annex 1)."""

    __tablename__ = "journal_counters"

    journal: Mapped[str] = mapped_column(String(64), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last: Mapped[int]


class JournalEntry(Base):
    """A line of a named journal (incoming registrations, issued certificates, ...)."""

    __tablename__ = "journal_entries"
    __table_args__ = (Index("uq_journal_entries_number", "journal", "year", "seq", unique=True),)

    id: Mapped[SerialId]
    journal: Mapped[str] = mapped_column(String(64))
    year: Mapped[int]
    seq: Mapped[int]
    number: Mapped[str]
    application_id: Mapped[ApplicationId | None]
    entered_at: Mapped[datetime]
    columns: Mapped[dict[str, Any]]
