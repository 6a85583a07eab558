"""The hash chain of an application's events.

``hash = sha256(bytes.fromhex(prev_hash) || canonical)``, where ``canonical`` is the event as
compact JSON with sorted keys (application id, seq, kind, actor, data, occurred_at in UTC
ISO 8601). Anyone holding the events can recompute the chain with :func:`chain_is_intact`.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import Event
from registry.webhooks.events import record_deliveries

GENESIS_HASH = "0" * 64


def canonical_event(
    application_id: uuid.UUID,
    seq: int,
    kind: str,
    actor: str,
    data: dict[str, Any],
    occurred_at: datetime,
) -> bytes:
    return msgspec.json.encode(
        {
            "application_id": str(application_id),
            "seq": seq,
            "kind": kind,
            "actor": actor,
            "data": data,
            "occurred_at": occurred_at.astimezone(UTC).isoformat(),
        },
        order="sorted",
    )


def chain_hash(prev_hash: str, canonical: bytes) -> str:
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical).hexdigest()


def event_row(
    application_id: uuid.UUID,
    seq: int,
    prev_hash: str,
    kind: str,
    actor: str,
    data: dict[str, Any],
    occurred_at: datetime,
) -> dict[str, Any]:
    """The column values of an event linked to ``prev_hash``."""
    canonical = canonical_event(application_id, seq, kind, actor, data, occurred_at)
    return {
        "application_id": application_id,
        "seq": seq,
        "kind": kind,
        "actor": actor,
        "data": data,
        "occurred_at": occurred_at,
        "prev_hash": prev_hash,
        "hash": chain_hash(prev_hash, canonical),
    }


async def chain_head(session: AsyncSession, application_id: uuid.UUID) -> tuple[int, str]:
    """The seq and prev_hash of the application's next event (the caller holds it locked)."""
    last = await session.scalar(
        select(Event)
        .where(Event.application_id == application_id)
        .order_by(Event.seq.desc())
        .limit(1)
    )
    return (1, GENESIS_HASH) if last is None else (last.seq + 1, last.hash)


async def append_event(
    session: AsyncSession,
    application_id: uuid.UUID,
    kind: str,
    actor: str,
    data: dict[str, Any],
    occurred_at: datetime,
) -> Event:
    """Append an event after the application's last one.

    The caller holds the application row locked (``SELECT ... FOR UPDATE``) so that two
    appends cannot read the same chain head; the (application_id, seq) unique constraint
    is the backstop.
    """
    seq, prev_hash = await chain_head(session, application_id)
    event = Event(**event_row(application_id, seq, prev_hash, kind, actor, data, occurred_at))
    session.add(event)
    # Partners' webhooks for this event, in this transaction (registry/webhooks/events.py).
    await record_deliveries(session, application_id, kind, seq, data, occurred_at)
    return event


class ChainBreak(msgspec.Struct, frozen=True, kw_only=True):
    """The first event where a chain stops holding, and why."""

    event_id: int
    seq: int
    # "seq": not the next number (a gap or a repeat); "prev_hash": does not link to the event
    # before; "hash": its content no longer matches its hash (altered after the fact).
    reason: str


def first_break(events: Iterable[Event]) -> ChainBreak | None:
    """The first event, in seq order from 1, that does not link up or match its hash; or None."""
    expected_prev = GENESIS_HASH
    for expected_seq, event in enumerate(events, start=1):
        canonical = canonical_event(
            event.application_id,
            event.seq,
            event.kind,
            event.actor,
            event.data,
            event.occurred_at,
        )
        reason = (
            "seq"
            if event.seq != expected_seq
            else "prev_hash"
            if event.prev_hash != expected_prev
            else "hash"
            if event.hash != chain_hash(event.prev_hash, canonical)
            else None
        )
        if reason is not None:
            return ChainBreak(event_id=event.id, seq=event.seq, reason=reason)
        expected_prev = event.hash
    return None


def chain_is_intact(events: Iterable[Event]) -> bool:
    """True when the events, in seq order from 1, link up and each hash matches its content."""
    return first_break(events) is None
