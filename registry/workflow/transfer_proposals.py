"""Decree transfers changed by heads with four eyes: one head proposes, another confirms.

A proposal names the change (add a transfer on a date with its kind and decree, or remove the
one on a date); it is checked when made, so a meaningless one never waits for a second head.
Confirmation, by a head other than the proposer (another person: compared by IIN, and the
table's check constraint says the same), applies the change in its transaction with every due
time it moves (:mod:`registry.workflow.calendar_changes`) and stores what moved on the
proposal. The table's trigger then notifies every process (registry/calendar/follow.py).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

import msgspec
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.calendar import WorkingCalendar
from registry.calendar.errors import InvalidTransferError
from registry.calendar.transfers import Transfer, TransferKind, check_transfer
from registry.errors import DomainError, Kind
from registry.models import CalendarTransfer, CalendarTransferProposal
from registry.workflow import calendar_changes
from registry.workflow.actors import OfficerIdentity, officer_actor
from registry.workflow.calendar_changes import TransferOutcome
from registry.workflow.errors import FourEyesError
from registry.workflow.rederive import DueTimeChange

Action = Literal["add", "remove"]
PROPOSED = "proposed"
CONFIRMED = "confirmed"


class TransferProposalNotFoundError(DomainError):
    code = "transfer_proposal_not_found"
    kind = Kind.NOT_FOUND


class TransferProposalConfirmedError(DomainError):
    """The proposal was confirmed (and applied) already: each is applied once."""

    code = "transfer_proposal_already_confirmed"
    kind = Kind.CONFLICT


class TransferProposalView(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    action: Action
    date: date
    kind: TransferKind | None
    decree: str
    status: Literal["proposed", "confirmed"]
    proposed_by: uuid.UUID
    proposed_at: datetime
    confirmed_by: uuid.UUID | None = None
    confirmed_at: datetime | None = None
    moved: list[DueTimeChange] = []  # the due times the confirmation re-derived


def _view(row: CalendarTransferProposal) -> TransferProposalView:
    return msgspec.convert(
        {
            "id": row.id, "action": row.action, "date": row.date, "kind": row.kind,
            "decree": row.decree, "status": row.status, "proposed_by": row.proposed_by,
            "proposed_at": row.proposed_at, "confirmed_by": row.confirmed_by,
            "confirmed_at": row.confirmed_at, "moved": row.changes or [],
        },
        TransferProposalView,
        strict=False,
    )  # fmt: skip


async def _existing(session: AsyncSession, day: date) -> CalendarTransfer | None:
    return await session.get(CalendarTransfer, day)


async def _checked_values(
    session: AsyncSession, action: Action, day: date, kind: TransferKind | None, decree: str
) -> dict[str, Any]:
    """The proposal's columns once the change is shown to make sense against the table now."""
    existing = await _existing(session, day)
    if action == "remove":
        if existing is None:
            raise InvalidTransferError(f"no transfer on {day}")
        return {"kind": None, "decree": existing.decree}
    if kind is None:
        raise InvalidTransferError("say which kind of transfer: off or working")
    usual = WorkingCalendar().working_without_transfers(day)
    check_transfer(Transfer(date=day, kind=kind, decree=decree), working_without_transfers=usual)
    if existing is not None:
        raise InvalidTransferError(f"{day} already has a transfer; remove it first")
    return {"kind": kind.value, "decree": decree.strip()}


async def propose(
    session: AsyncSession,
    officer: OfficerIdentity,
    action: Action,
    day: date,
    kind: TransferKind | None,
    decree: str,
    now: datetime,
) -> TransferProposalView:
    """Record a head's proposal; the caller commits."""
    values = await _checked_values(session, action, day, kind, decree)
    row = await session.scalar(
        insert(CalendarTransferProposal)
        .values(
            id=uuid.uuid4(), action=action, date=day, status=PROPOSED, proposed_by=officer.id,
            proposed_by_iin=officer.iin, proposed_at=now, **values,
        )
        .returning(CalendarTransferProposal)
    )  # fmt: skip
    assert row is not None  # INSERT ... RETURNING gives the row
    return _view(row)


async def _locked_for_confirmation(
    session: AsyncSession, proposal_id: uuid.UUID, officer: OfficerIdentity
) -> CalendarTransferProposal:
    row = await session.scalar(
        select(CalendarTransferProposal)
        .where(CalendarTransferProposal.id == proposal_id)
        .with_for_update()
    )
    if row is None:
        raise TransferProposalNotFoundError(f"no calendar transfer proposal {proposal_id}")
    if row.status != PROPOSED:
        raise TransferProposalConfirmedError(f"proposal {proposal_id} is {row.status} already")
    if row.proposed_by == officer.id or row.proposed_by_iin == officer.iin:
        raise FourEyesError("whoever proposed a calendar transfer change cannot also confirm it")
    return row


async def confirm(
    session: AsyncSession, proposal_id: uuid.UUID, officer: OfficerIdentity, now: datetime
) -> tuple[TransferProposalView, TransferOutcome]:
    """Apply the proposal as a second head; the caller commits (then drops status caches)."""
    row = await _locked_for_confirmation(session, proposal_id, officer)
    actor = officer_actor(officer).label
    if row.kind is not None:  # an addition (the table's check: a kind exactly for "add")
        transfer = Transfer(date=row.date, kind=TransferKind(row.kind), decree=row.decree)
        outcome = await calendar_changes.add_transfer(session, transfer, actor, now)
    else:
        outcome = await calendar_changes.remove_transfer(session, row.date, actor, now)
    row.status = CONFIRMED
    row.confirmed_by = officer.id
    row.confirmed_by_iin = officer.iin
    row.confirmed_at = now
    row.changes = msgspec.to_builtins(outcome.moved)
    await session.flush()
    return _view(row), outcome


async def pending_proposals(session: AsyncSession) -> list[TransferProposalView]:
    rows = await session.scalars(
        select(CalendarTransferProposal)
        .where(CalendarTransferProposal.status == PROPOSED)
        .order_by(CalendarTransferProposal.proposed_at, CalendarTransferProposal.id)
    )
    return [_view(row) for row in rows]
