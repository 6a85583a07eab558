"""Adding or removing a decree transfer, with every due time it touches, in one transaction.

The one way the transfer table changes (``qaqpa calendar transfers add/remove`` and the heads'
four-eyes endpoint both come here): the change, then the re-derivation of the stored due times
(:mod:`registry.workflow.rederive`) with a calendar built from the table as this transaction
sees it. Concurrent changes are serialised by a transaction-level advisory lock, so each one
re-derives with the table the other left. At commit the table's trigger notifies
``qaqpa_calendar`` and every process reloads (:mod:`registry.calendar.follow`); the caller
deletes the touched applications' status cache entries after the commit.

Between that commit and a process's reload (the notification's latency: milliseconds, see
bench/bench_calendar_follow.py) a transition in that process may still open a step with the old
table, in an application the change did not lock. :func:`catch_stragglers`, a second pass a
moment after the commit, re-derives those: callers run it after committing the change.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.calendar import WorkingCalendar, store
from registry.calendar.changes import Change, TransferChange
from registry.calendar.errors import InvalidTransferError
from registry.calendar.transfers import Transfer
from registry.workflow.rederive import DueTimeChange, rederive

# pg_advisory_xact_lock key of the transfer table's writers (the bytes of "qaqpa-cal").
TRANSFERS_LOCK = 0x71617170612D63
# How long after the commit the second pass runs: well past the reload latency (worst ~40 ms).
STRAGGLER_DELAY_SECONDS = 1.0


class TransferOutcome(msgspec.Struct, frozen=True, kw_only=True):
    """The change made and the due times it moved."""

    transfer: Transfer
    change: Change
    moved: list[DueTimeChange]


async def _apply(
    session: AsyncSession, change: TransferChange, actor: str, now: datetime
) -> TransferOutcome:
    calendar = WorkingCalendar(await store.list_transfers(session))
    moved = await rederive(session, calendar, change, actor, now)
    return TransferOutcome(transfer=change.transfer, change=change.change, moved=moved)


async def add_transfer(
    session: AsyncSession, transfer: Transfer, actor: str, now: datetime
) -> TransferOutcome:
    """Record ``transfer`` and re-derive the due times around its date; the caller commits."""
    await session.execute(select(func.pg_advisory_xact_lock(TRANSFERS_LOCK)))
    await store.add_transfer(session, transfer)
    return await _apply(session, TransferChange(transfer=transfer, change="added"), actor, now)


async def remove_transfer(
    session: AsyncSession, day: date, actor: str, now: datetime
) -> TransferOutcome:
    """Delete the transfer on ``day`` and re-derive the due times around it; the caller commits.
    ``InvalidTransferError`` when there is none."""
    await session.execute(select(func.pg_advisory_xact_lock(TRANSFERS_LOCK)))
    removed = await store.remove_transfer(session, day)
    if removed is None:
        raise InvalidTransferError(f"no transfer on {day}")
    return await _apply(session, TransferChange(transfer=removed, change="removed"), actor, now)


async def catch_stragglers(
    sessions: async_sessionmaker[AsyncSession],
    outcome: TransferOutcome,
    actor: str,
    *,
    delay: float = STRAGGLER_DELAY_SECONDS,
) -> list[DueTimeChange]:
    """The second pass over the committed ``outcome`` (see the module's docstring); the due
    times it moved, usually none. Nothing when the table changed again meanwhile (that change
    re-derived with its own table)."""
    await asyncio.sleep(delay)
    change = TransferChange(transfer=outcome.transfer, change=outcome.change)
    async with sessions() as session, session.begin():
        await session.execute(select(func.pg_advisory_xact_lock(TRANSFERS_LOCK)))
        stored = {t.date: t for t in await store.list_transfers(session)}
        present = stored.get(change.transfer.date) == change.transfer
        if present != (change.change == "added"):
            return []
        return (await _apply(session, change, actor, datetime.now(UTC))).moved
