"""Verify applications' event hash chains in PostgreSQL (``qaqpa audit verify``).

The chain rule is :mod:`registry.applications.events`'; this module only reads the events,
one application at a time, in seq order. ``--all`` streams them in id order so a large journal
is read in batches instead of at once.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.applications.events import ChainBreak, first_break
from registry.models import Event

STREAM_BATCH = 1000


class BrokenChain(msgspec.Struct, frozen=True, kw_only=True):
    """An application whose chain does not hold, and its first bad event."""

    application_id: uuid.UUID
    first_bad_event: ChainBreak


class AuditReport(msgspec.Struct, frozen=True, kw_only=True):
    """What ``qaqpa audit verify`` prints: applications checked, intact, and the broken ones."""

    checked: int
    intact: int
    broken: list[BrokenChain]


async def _chains(
    session: AsyncSession, application_id: uuid.UUID | None
) -> AsyncIterator[tuple[uuid.UUID, list[Event]]]:
    query = select(Event).order_by(Event.application_id, Event.seq)
    if application_id is not None:
        query = query.where(Event.application_id == application_id)
    events = await session.stream_scalars(query.execution_options(yield_per=STREAM_BATCH))
    # Grouping consecutive rows: the order by application id makes each chain one run.
    pending: list[Event] = []
    current: uuid.UUID | None = None
    async for event in events:
        if event.application_id != current and pending:
            yield current, pending  # type: ignore[misc]
            pending = []
        current = event.application_id
        pending.append(event)
    if pending and current is not None:
        yield current, pending


async def verify_chains(session: AsyncSession, application_id: uuid.UUID | None) -> AuditReport:
    """Check the chain of ``application_id``, or of every application when it is None."""
    checked, broken = 0, []
    async for chain_id, events in _chains(session, application_id):
        checked += 1
        found = first_break(events)
        if found is not None:
            broken.append(BrokenChain(application_id=chain_id, first_bad_event=found))
    return AuditReport(checked=checked, intact=checked - len(broken), broken=broken)


__all__ = ["AuditReport", "BrokenChain", "verify_chains"]
