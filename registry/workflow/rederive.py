"""Due times follow a decree transfer: re-derived from what is stored, in the change's transaction.

When a transfer is added or removed (:mod:`registry.workflow.calendar_changes`), every open
step, every running service term and every open complaint whose term window (from its start to
its stored due time, local dates) contains the transfer's date gets its due time computed again
from its stored start, term and finished pauses with the new table, and stored with the new
reasons. Each due time that moved appends a ``due_time_rederived`` event to its application's
hash chain with the old and new time and the decree as the reason (kk/ru/en). A deadline
already recorded missed whose new due time lies ahead is no longer missed.

The applications are locked in id order in one statement (every writer of an application's
chain holds its row lock), so a transition running now finishes first and its step is seen.
The ``due_time_rederived`` event is also the hook for telling the partner: a notifier reads
the chain (the events table notifies ``qaqpa_events``) and needs nothing else from here.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

import msgspec
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.applications.events import append_event
from registry.calendar import KZ_TZ, Pause, WorkingCalendar, to_local
from registry.calendar.changes import TransferChange
from registry.complaints.terms import complaint_times
from registry.models import Application, Complaint, WorkflowStep
from registry.workflow.pauses import pauses_of, restore_step_due, total_due
from registry.workflow.steps import open_step_of, reasons_json

DUE_TIME_REDERIVED = "due_time_rederived"

# The open step's due time, the service's total, a complaint's review term, its settlement term.
Subject = Literal["step", "total", "complaint", "complaint_settle"]


class DueTimeMoved(msgspec.Struct, frozen=True, kw_only=True):
    """What a ``due_time_rederived`` event records: which due time moved, from when to when,
    and the transfer that moved it (with its reason in kk, ru and en)."""

    subject: Subject
    name: str  # the step's code, "total" or the complaint's number
    old_due_at: datetime
    new_due_at: datetime
    transfer_date: date
    transfer_kind: str
    change: str  # added, removed
    decree: str
    reason: dict[str, str]  # kk, ru, en
    missed_cleared: bool = False


class DueTimeChange(DueTimeMoved, frozen=True, kw_only=True):
    """One stored due time a transfer moved, as the change reports it."""

    application_id: uuid.UUID

    def event_data(self) -> dict[str, Any]:
        data: dict[str, Any] = msgspec.to_builtins(
            msgspec.structs.replace(
                self, old_due_at=to_local(self.old_due_at), new_due_at=to_local(self.new_due_at)
            )
        )
        del data["application_id"]
        return data


class _Window(msgspec.Struct, frozen=True):
    """The transfer's day as the UTC instants bounding its local (UTC+5) date."""

    starts: datetime
    ends: datetime

    @classmethod
    def of(cls, day: date) -> _Window:
        starts = datetime.combine(day, time(0), KZ_TZ)
        return cls(starts, starts + timedelta(days=1))

    def holds(self, start: datetime, due: datetime) -> bool:
        return start < self.ends and due >= self.starts

    def sql(self, start: Any, due: Any) -> ColumnElement[bool]:
        clause: ColumnElement[bool] = (start < self.ends) & (due >= self.starts)
        return clause


async def _touched_applications(session: AsyncSession, window: _Window) -> list[Application]:
    """Applications with an open step, running total or open complaint around the day."""
    open_step = WorkflowStep.state == "open"
    steps = select(WorkflowStep.application_id).where(
        open_step,
        WorkflowStep.term.is_not(None),
        window.sql(WorkflowStep.started_at, WorkflowStep.due_at),
    )
    totals = (
        select(Application.id)
        .join(WorkflowStep, WorkflowStep.application_id == Application.id)
        .where(open_step, window.sql(Application.counts_from, Application.total_due_at))
    )
    complaints = select(Complaint.application_id).where(
        Complaint.status == "open",
        window.sql(Complaint.received_at, func.greatest(Complaint.due_at, Complaint.settle_due_at)),
    )
    union = steps.union(totals, complaints).subquery()
    # Locked in id order, in one statement: two changes never wait on each other crosswise.
    locked = await session.scalars(
        select(Application)
        .where(Application.id.in_(select(union.c[0])))
        .order_by(Application.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return list(locked)


class _Rederivation:
    """Re-derives the due times of one change, collecting what moved."""

    def __init__(self, calendar: WorkingCalendar, change: TransferChange, now: datetime) -> None:
        self.calendar = calendar
        self.change = change
        self.window = _Window.of(change.transfer.date)
        self.now = now
        self.moved: list[DueTimeChange] = []

    def _record(
        self, application_id: uuid.UUID, subject: Subject, name: str, old: datetime, new: datetime,
        *, missed_cleared: bool = False,
    ) -> None:  # fmt: skip
        if old == new:
            return
        transfer = self.change.transfer
        self.moved.append(
            DueTimeChange(
                application_id=application_id, subject=subject, name=name,
                old_due_at=old, new_due_at=new, transfer_date=transfer.date,
                transfer_kind=transfer.kind.value, change=self.change.change,
                decree=transfer.decree, reason=msgspec.to_builtins(self.change.reason()),
                missed_cleared=missed_cleared,
            )
        )  # fmt: skip

    async def application(self, session: AsyncSession, application: Application) -> None:
        pauses = await pauses_of(session, application)
        step = await open_step_of(session, application.id)
        if step is not None:
            self._step(application, step, pauses)
            self._total(application, pauses)
        for complaint in await session.scalars(
            select(Complaint).where(
                Complaint.application_id == application.id, Complaint.status == "open"
            )
        ):
            self._complaint(complaint)

    def _step(self, application: Application, step: WorkflowStep, pauses: list[Pause]) -> None:
        old = step.due_at
        if step.term is None or old is None or not self.window.holds(step.started_at, old):
            return
        new = restore_step_due(self.calendar, step, step.term, pauses)
        cleared = step.missed_at is not None and new > self.now
        if cleared:
            step.missed_at = None
        self._record(application.id, "step", step.step, old, new, missed_cleared=cleared)

    def _total(self, application: Application, pauses: list[Pause]) -> None:
        old = application.total_due_at
        if old is None or not self.window.holds(application.counts_from, old):
            return
        new = total_due(self.calendar, application, pauses) or old
        application.total_due_at = new
        self._record(application.id, "total", "total", old, new)

    def _complaint(self, complaint: Complaint) -> None:
        latest = max(complaint.due_at, complaint.settle_due_at)
        if not self.window.holds(complaint.received_at, latest):
            return
        times = complaint_times(self.calendar, complaint.received_at, complaint.level)  # type: ignore[arg-type]
        old, old_settle = complaint.due_at, complaint.settle_due_at
        complaint.counts_from = times.counts_from
        complaint.due_at = times.due_at
        complaint.reasons = reasons_json(times.reasons)
        complaint.settle_due_at = times.settle_due_at
        complaint.settle_reasons = reasons_json(times.settle_reasons)
        cleared = complaint.missed_at is not None and times.due_at > self.now
        if cleared:
            complaint.missed_at = None
        self._record(
            complaint.application_id, "complaint", complaint.number, old, times.due_at,
            missed_cleared=cleared,
        )  # fmt: skip
        self._record(
            complaint.application_id, "complaint_settle", complaint.number, old_settle,
            times.settle_due_at,
        )  # fmt: skip


async def rederive(
    session: AsyncSession,
    calendar: WorkingCalendar,
    change: TransferChange,
    actor: str,
    now: datetime,
) -> list[DueTimeChange]:
    """Re-derive and store every due time ``change`` touches (``calendar`` already counts with
    it), one event per moved due time; the caller's transaction commits it all."""
    work = _Rederivation(calendar, change, now)
    for application in await _touched_applications(session, work.window):
        await work.application(session, application)
    await session.flush()
    for moved in work.moved:
        await append_event(
            session, moved.application_id, DUE_TIME_REDERIVED, actor, moved.event_data(), now
        )
    return work.moved
