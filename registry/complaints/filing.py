"""Filing a complaint: registered on receipt, numbered, its terms computed and stored.

The application is locked first (its event chain grows by ``complaint_filed``), and only the
owning partner may file: another partner's application does not exist for the caller. An
application without an incoming number (not registered yet, or refused at intake) cannot be
complained about here: there is no registered request to refer to.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec
from redis.asyncio import Redis
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import append_event
from registry.calendar import WorkingCalendar, current_calendar
from registry.complaints import journals
from registry.complaints.errors import ApplicationNotRegisteredError
from registry.complaints.terms import Level, complaint_times
from registry.complaints.views import ComplaintView, complaint_view
from registry.forms.common import MULTI_LINE, SINGLE_LINE
from registry.models import Application, Complaint, Result
from registry.workflow.errors import ApplicationNotFoundError
from registry.workflow.runner import committed
from registry.workflow.steps import reasons_json

COMPLAINT_FILED = "complaint_filed"

AttachmentRef = Annotated[str, msgspec.Meta(min_length=1, max_length=500, pattern=SINGLE_LINE)]


class ComplaintRequest(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A complaint as the partner files it."""

    level: Annotated[
        Level,
        msgspec.Meta(
            description="provider: to the provider's head (5 working days); authority: to the "
            "authorised quality-control body (15 working days)"
        ),
    ]
    text: Annotated[str, msgspec.Meta(min_length=1, max_length=20000, pattern=MULTI_LINE)]
    request: Annotated[
        str,
        msgspec.Meta(
            min_length=1,
            max_length=5000,
            pattern=MULTI_LINE,
            description="What the complainant asks for",
        ),
    ]
    attachments: Annotated[
        list[AttachmentRef],
        msgspec.Meta(max_length=20, description="References to supporting documents"),
    ] = []


async def owned_application(
    session: AsyncSession, partner_id: uuid.UUID, application_id: uuid.UUID, *, lock: bool
) -> Application:
    """The partner's application (locked when ``lock``); not found for anyone else."""
    query = select(Application).where(
        Application.id == application_id, Application.partner_id == partner_id
    )
    application = await session.scalar(query.with_for_update() if lock else query)
    if application is None:
        raise ApplicationNotFoundError(f"no application {application_id} for this partner")
    return application


async def file_complaint(
    session: AsyncSession,
    partner_id: uuid.UUID,
    application_id: uuid.UUID,
    request: ComplaintRequest,
    now: datetime,
    *,
    calendar: WorkingCalendar | None = None,
) -> ComplaintView:
    """Register ``request`` on the partner's application at ``now``; the caller commits."""
    application = await owned_application(session, partner_id, application_id, lock=True)
    if application.registration_number is None:
        raise ApplicationNotRegisteredError(
            "the application is not registered yet; a complaint refers to a registered one",
            application_status=application.status,
        )
    times = complaint_times(calendar or current_calendar(), now, request.level)
    complaint_id = uuid.uuid4()
    number = await journals.COMPLAINTS.enter(
        session,
        application.id,
        now,
        {"complaint_id": str(complaint_id), "level": request.level},
    )
    complaint = await session.scalar(
        insert(Complaint)
        .values(
            id=complaint_id,
            application_id=application.id,
            number=number,
            level=request.level,
            status="open",
            text=request.text,
            request=request.request,
            attachments=list(request.attachments),
            received_at=times.received_at,
            counts_from=times.counts_from,
            term=str(times.term),
            due_at=times.due_at,
            settle_term=str(times.settle_term),
            settle_due_at=times.settle_due_at,
            reasons=reasons_json(times.reasons),
            settle_reasons=reasons_json(times.settle_reasons),
        )
        .returning(Complaint)
    )
    assert complaint is not None  # INSERT ... RETURNING gives the row
    await append_event(
        session,
        application.id,
        COMPLAINT_FILED,
        f"partner:{partner_id}",
        {
            "complaint_id": str(complaint_id),
            "number": number,
            "level": request.level,
            "counts_from": times.counts_from.isoformat(),
            "due_at": times.due_at.isoformat(),
            "settle_due_at": times.settle_due_at.isoformat(),
        },
        now,
    )
    await session.flush()
    return complaint_view(complaint, application, now)


async def partner_complaints(
    session: AsyncSession, partner_id: uuid.UUID, application_id: uuid.UUID, now: datetime
) -> list[ComplaintView]:
    """The complaints on the partner's application, oldest first, with their decisions' status."""
    application = await owned_application(session, partner_id, application_id, lock=False)
    query = (
        select(Complaint, Result)
        .outerjoin(Result, Result.id == Complaint.result_id)
        .where(Complaint.application_id == application.id)
        .order_by(Complaint.received_at, Complaint.number)
    )
    # Outer join: an open complaint has no decision (the row's Result is None).
    return [
        complaint_view(complaint, application, now, decision)
        for complaint, decision in await session.execute(query)
    ]


async def file(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    partner_id: uuid.UUID,
    application_id: uuid.UUID,
    request: ComplaintRequest,
    now: datetime,
) -> ComplaintView:
    """The partner files a complaint: :func:`file_complaint`, committed; the application's
    status cache entry goes (the status document shows the new event)."""
    return await committed(
        sessions,
        redis,
        lambda session: file_complaint(session, partner_id, application_id, request, now),
        lambda _: application_id,
    )
