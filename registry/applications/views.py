"""What a partner reads about its applications: status, list pages, events.

Every query is scoped by partner: another partner's application simply does not exist
for the caller (the gateway answers 404, never 403, so ids cannot be probed).
"""

from __future__ import annotations

import base64
import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from registry.applications.partner_events import partner_data
from registry.applications.timestamps import utc_moments
from registry.errors import DomainError, Kind
from registry.models import Application, Event, WorkflowStep

LAST_EVENTS = 5


class EventView(msgspec.Struct, frozen=True):
    seq: int
    kind: str
    occurred_at: datetime
    data: dict[str, Any]
    hash: str


class ApplicantView(msgspec.Struct, frozen=True, omit_defaults=True):
    name: str
    iin: str | None = None
    bin: str | None = None


class ApplicationView(msgspec.Struct, frozen=True):
    id: uuid.UUID
    service: str
    status: str
    current_step: str | None
    applicant: ApplicantView
    received_at: datetime
    counts_from: datetime
    registration_due_at: datetime
    updated_at: datetime
    last_events: list[EventView]
    # The workflow's view: what happens next and by when (stored due times, see registry.workflow).
    registration_number: str | None = None
    current_step_due_at: datetime | None = None
    total_due_at: datetime | None = None
    paused: bool = False


class ApplicationSummary(msgspec.Struct, frozen=True):
    id: uuid.UUID
    service: str
    status: str
    received_at: datetime
    registration_due_at: datetime


class ApplicationPage(msgspec.Struct, frozen=True):
    items: list[ApplicationSummary]
    next_cursor: str | None


class InvalidCursorError(DomainError):
    """A list cursor that this service did not issue (a generic code: what clients were sent)."""

    code = "bad_request"
    kind = Kind.MALFORMED


def _event_view(event: Event) -> EventView:
    """An event as its partner sees it (no officer's IIN, setting or exception text)."""
    data = utc_moments(partner_data(event.kind, event.data))
    return EventView(event.seq, event.kind, event.occurred_at, data, event.hash)


async def application_view(
    session: AsyncSession, partner_id: uuid.UUID, application_id: uuid.UUID
) -> ApplicationView | None:
    # The open step's due time in the same round trip (a correlated subquery).
    open_step_due = (
        select(WorkflowStep.due_at)
        .where(WorkflowStep.application_id == Application.id, WorkflowStep.state == "open")
        .scalar_subquery()
    )
    row = (
        await session.execute(
            select(Application, open_step_due).where(
                Application.id == application_id, Application.partner_id == partner_id
            )
        )
    ).first()
    if row is None:
        return None
    application, current_step_due_at = row
    events = (
        await session.scalars(
            select(Event)
            .where(Event.application_id == application_id)
            .order_by(Event.seq.desc())
            .limit(LAST_EVENTS)
        )
    ).all()
    return ApplicationView(
        id=application.id,
        service=application.service,
        status=application.status,
        current_step=application.current_step,
        applicant=ApplicantView(
            name=application.applicant_name,
            iin=application.applicant_iin,
            bin=application.applicant_bin,
        ),
        received_at=application.received_at,
        counts_from=application.counts_from,
        registration_due_at=application.registration_due_at,
        updated_at=application.updated_at,
        last_events=[_event_view(event) for event in reversed(events)],
        registration_number=application.registration_number,
        current_step_due_at=current_step_due_at,
        total_due_at=application.total_due_at,
        paused=application.paused_at is not None,
    )


def _encode_cursor(created_at: datetime, application_id: uuid.UUID) -> str:
    raw = msgspec.json.encode([created_at.isoformat(), str(application_id)])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        created_at, application_id = msgspec.json.decode(raw, type=tuple[datetime, uuid.UUID])
    except (ValueError, msgspec.DecodeError) as exc:
        raise InvalidCursorError("the cursor is not one this API issued") from exc
    return created_at, application_id


async def list_applications(
    session: AsyncSession,
    partner_id: uuid.UUID,
    *,
    service: str | None = None,
    status: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> ApplicationPage:
    """A page of the partner's applications, newest first (keyset pagination)."""
    query = select(
        Application.id,
        Application.service,
        Application.status,
        Application.received_at,
        Application.registration_due_at,
        Application.created_at,
    ).where(Application.partner_id == partner_id)
    if service is not None:
        query = query.where(Application.service == service)
    if status is not None:
        query = query.where(Application.status == status)
    if cursor is not None:
        created_at, application_id = _decode_cursor(cursor)
        query = query.where(
            tuple_(Application.created_at, Application.id) < tuple_(created_at, application_id)
        )
    rows = (
        await session.execute(
            query.order_by(Application.created_at.desc(), Application.id.desc()).limit(limit + 1)
        )
    ).all()
    items = [ApplicationSummary(row[0], row[1], row[2], row[3], row[4]) for row in rows[:limit]]
    next_cursor = (
        _encode_cursor(rows[limit - 1][5], rows[limit - 1][0]) if len(rows) > limit else None
    )
    return ApplicationPage(items, next_cursor)


async def events_after(
    session: AsyncSession, partner_id: uuid.UUID, application_id: uuid.UUID, after_seq: int = 0
) -> list[EventView] | None:
    """The application's events after ``after_seq``; None when the partner has no such one."""
    owned = await session.scalar(
        select(Application.id).where(
            Application.id == application_id, Application.partner_id == partner_id
        )
    )
    if owned is None:
        return None
    events = await session.scalars(
        select(Event)
        .where(Event.application_id == application_id, Event.seq > after_seq)
        .order_by(Event.seq)
    )
    return [_event_view(event) for event in events]
