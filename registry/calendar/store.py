"""Decree transfers in PostgreSQL (table ``calendar_transfers``) and loading them into the calendar.

A process loads the table once (:func:`load_calendar`, at start-up) and installs it as the
process-wide calendar; :func:`add_transfer` and :func:`remove_transfer` change the table and
the caller reloads (:func:`load_calendar` again) after committing. Other running processes
see a change when they next load (at their start).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.calendar.current import use_calendar
from registry.calendar.days import WorkingCalendar
from registry.calendar.errors import InvalidTransferError
from registry.calendar.transfers import Transfer, TransferKind, check_transfer
from registry.models.calendar import CalendarTransfer


async def list_transfers(session: AsyncSession) -> list[Transfer]:
    """Every decree transfer in the table, by date."""
    rows = await session.scalars(select(CalendarTransfer).order_by(CalendarTransfer.date))
    return [Transfer(date=row.date, kind=TransferKind(row.kind), decree=row.decree) for row in rows]


async def add_transfer(session: AsyncSession, transfer: Transfer) -> None:
    """Record ``transfer``; refuses a no-op transfer and a date that already has one."""
    usual = WorkingCalendar().working_without_transfers(transfer.date)
    check_transfer(transfer, working_without_transfers=usual)
    inserted = await session.scalar(
        insert(CalendarTransfer)
        .values(date=transfer.date, kind=transfer.kind.value, decree=transfer.decree.strip())
        .on_conflict_do_nothing(index_elements=[CalendarTransfer.date])
        .returning(CalendarTransfer.date)
    )
    if inserted is None:
        raise InvalidTransferError(f"{transfer.date} already has a transfer; remove it first")


async def remove_transfer(session: AsyncSession, day: date) -> Transfer | None:
    """Delete the transfer on ``day``; the removed transfer, or None when there was none."""
    row = (
        await session.execute(
            delete(CalendarTransfer)
            .where(CalendarTransfer.date == day)
            .returning(CalendarTransfer.kind, CalendarTransfer.decree)
        )
    ).one_or_none()
    if row is None:
        return None
    return Transfer(date=day, kind=TransferKind(row.kind), decree=row.decree)


async def load_calendar(sessions: async_sessionmaker[AsyncSession]) -> WorkingCalendar:
    """Read the transfers and make them the process-wide calendar; returns that calendar."""
    async with sessions() as session:
        transfers = await list_transfers(session)
    calendar = WorkingCalendar(transfers)
    # The first holiday table of a process imports the holidays package's data (a few hundred
    # ms): pay it here, at start-up, not on the event loop of the first public calendar request.
    calendar.is_working(datetime.now(UTC).date())
    use_calendar(calendar)
    return calendar
