"""Admission to a session (the ``exam_preparation`` step, 2 working days) and holding it.

Admitting takes a seat of a session that has not started; the session row is locked while
the seats are counted, so two executors cannot fill the last seat twice. Holding the session
(at or after its start) draws up its protocol (number and date) and moves every admitted
applicant to ``exam_results``, whose 1-working-day term starts then. It also sets each
application's total due time to 5 working days from the exam: 001 p.6(5) counts the
certificate's term from the exam, not from receipt.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import msgspec
from redis.asyncio import Redis
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.calendar import WorkingCalendar, current_calendar, to_local
from registry.declarant_certificate.actor import check_executor, exam_actor
from registry.declarant_certificate.errors import (
    ExamNotHeldError,
    ExamSessionClosedError,
    ExamSessionFullError,
)
from registry.declarant_certificate.journal import protocol_number
from registry.declarant_certificate.service import EXAM_SCHEDULED
from registry.declarant_certificate.sessions import admitted_count, get_session
from registry.models import Application, ExamAdmission
from registry.workflow.actors import OfficerIdentity
from registry.workflow.engine import Moved, definition_of, lock_application, move
from registry.workflow.runner import in_transaction
from registry.workflow.steps import due_time


class HeldSession(msgspec.Struct, frozen=True, kw_only=True):
    session_id: uuid.UUID
    protocol_number: str
    protocol_date: date
    application_ids: list[uuid.UUID]  # moved to exam_results


async def admit(
    session: AsyncSession,
    application: Application,
    officer: OfficerIdentity,
    session_id: uuid.UUID,
    now: datetime,
) -> Moved:
    """Give the (locked) application a seat in ``session_id`` and move it to the exam wait."""
    check_executor(officer, application)
    exam = await get_session(session, session_id, lock=True)
    if exam.held_at is not None or exam.starts_at <= now:
        raise ExamSessionClosedError(
            "the session has started; admit to a later one", starts_at=exam.starts_at.isoformat()
        )
    if await admitted_count(session, exam.id) >= exam.capacity:
        raise ExamSessionFullError("no seats left in this session", capacity=exam.capacity)
    moved = await move(
        session,
        application,
        "admit",
        exam_actor(officer),
        now=now,
        event_data={
            "role": officer.role,
            "exam_session_id": str(exam.id),
            "exam_starts_at": exam.starts_at.isoformat(),
        },
    )
    await session.execute(
        insert(ExamAdmission).values(
            session_id=exam.id,
            application_id=application.id,
            applicant_iin=application.applicant_iin or "",
            applicant_name=application.applicant_name,
            admitted_at=now,
            admitted_by=officer.id,
        )
    )
    return moved


async def hold(
    session: AsyncSession,
    session_id: uuid.UUID,
    officer: OfficerIdentity,
    now: datetime,
    calendar: WorkingCalendar | None = None,
) -> HeldSession:
    """Record that the exam took place: its protocol, and the admitted applicants' next step."""
    calendar = calendar or current_calendar()
    exam = await get_session(session, session_id, lock=True)
    if exam.held_at is not None:
        raise ExamSessionClosedError(
            "the session was held already", protocol_number=exam.protocol_number
        )
    if now < exam.starts_at:
        raise ExamNotHeldError(
            "the session has not started yet", starts_at=exam.starts_at.isoformat()
        )
    number = await protocol_number(session, exam.starts_at)
    exam.held_at, exam.protocol_number = now, number
    exam.protocol_date = to_local(exam.starts_at).date()
    admitted = await session.scalars(
        select(ExamAdmission.application_id)
        .where(ExamAdmission.session_id == exam.id)
        .order_by(ExamAdmission.application_id)  # one lock order for every holder
    )
    moved: list[uuid.UUID] = []
    for application_id in list(admitted):
        application = await lock_application(session, application_id)
        if application.status != EXAM_SCHEDULED.code:
            continue
        await move(
            session,
            application,
            "exam_held",
            exam_actor(officer),
            now=now,
            calendar=calendar,
            event_data={
                "role": officer.role,
                "exam_session_id": str(exam.id),
                "protocol_number": exam.protocol_number,
            },
        )
        total_term = definition_of(application).total_term
        if total_term is not None:
            application.total_due_at, _ = due_time(calendar, exam.starts_at, total_term)
        moved.append(application.id)
    await session.flush()
    return HeldSession(
        session_id=exam.id,
        protocol_number=number,
        protocol_date=exam.protocol_date,
        application_ids=moved,
    )


async def admit_applicant(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    application_id: uuid.UUID,
    officer: OfficerIdentity,
    session_id: uuid.UUID,
    now: datetime,
) -> Moved:
    """:func:`admit` the application under its lock, committed."""
    return await in_transaction(
        sessions,
        redis,
        application_id,
        lambda session, application: admit(session, application, officer, session_id, now),
    )
