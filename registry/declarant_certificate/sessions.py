"""Exam sessions: officers publish them, everyone can see the upcoming ones and their seats.

001 p.4: places and times are published at least once a month (see :mod:`.monthly`). A
session's answer key is stored with it for the software's scoring and is never shown
publicly; officers see how many questions it has.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.declarant_certificate.errors import ExamSessionInvalidError, ExamSessionNotFoundError
from registry.declarant_certificate.scoring import normalise
from registry.models import ExamAdmission, ExamSession

MAX_QUESTIONS = 500


class PublicExamSession(msgspec.Struct, frozen=True, kw_only=True):
    """What ``GET /v1/exam-sessions`` shows: place, time, seats."""

    id: uuid.UUID
    revenue_body: str
    address: str
    starts_at: datetime
    capacity: int
    seats_left: int


class OfficerExamSession(PublicExamSession, frozen=True, kw_only=True):
    """A session as officers see it: the public view, the size of the key and the protocol."""

    questions: int
    held_at: datetime | None
    protocol_number: str | None
    protocol_date: date | None


def public_view(row: ExamSession, admitted: int) -> PublicExamSession:
    return PublicExamSession(**_public_fields(row, admitted))


def officer_view(row: ExamSession, admitted: int) -> OfficerExamSession:
    return OfficerExamSession(
        **_public_fields(row, admitted),
        questions=len(row.answer_key),
        held_at=row.held_at,
        protocol_number=row.protocol_number,
        protocol_date=row.protocol_date,
    )


def _public_fields(row: ExamSession, admitted: int) -> dict[str, Any]:
    return {
        "id": row.id,
        "revenue_body": row.revenue_body,
        "address": row.address,
        "starts_at": row.starts_at,
        "capacity": row.capacity,
        "seats_left": max(row.capacity - admitted, 0),
    }


async def create_session(
    session: AsyncSession,
    *,
    revenue_body: str,
    address: str,
    starts_at: datetime,
    capacity: int,
    answer_key: Sequence[str],
    officer_id: uuid.UUID,
    now: datetime,
) -> OfficerExamSession:
    """Publish a session; it must lie in the future and have a usable answer key."""
    if starts_at.tzinfo is None:
        raise ExamSessionInvalidError("starts_at needs a UTC offset")
    if starts_at <= now:
        raise ExamSessionInvalidError(
            "an exam session must start in the future", starts_at=starts_at.isoformat()
        )
    key = [normalise(answer) for answer in answer_key]
    if not key or len(key) > MAX_QUESTIONS or not all(key):
        raise ExamSessionInvalidError(
            f"the answer key needs 1 to {MAX_QUESTIONS} non-empty answers"
        )
    row = ExamSession(
        id=uuid.uuid4(),
        revenue_body=revenue_body,
        address=address,
        starts_at=starts_at,
        capacity=capacity,
        answer_key=key,
        created_by=officer_id,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    return officer_view(row, 0)


async def admitted_count(session: AsyncSession, session_id: uuid.UUID) -> int:
    count = await session.scalar(
        select(func.count(ExamAdmission.id)).where(ExamAdmission.session_id == session_id)
    )
    return int(count or 0)


async def get_session(
    session: AsyncSession, session_id: uuid.UUID, *, lock: bool = False
) -> ExamSession:
    query = select(ExamSession).where(ExamSession.id == session_id)
    row = await session.scalar(query.with_for_update() if lock else query)
    if row is None:
        raise ExamSessionNotFoundError(f"exam session {session_id} does not exist")
    return row


async def session_view(session: AsyncSession, session_id: uuid.UUID) -> OfficerExamSession:
    row = await get_session(session, session_id)
    return officer_view(row, await admitted_count(session, session_id))


async def upcoming_sessions(
    session: AsyncSession, now: datetime, *, revenue_body: str | None = None, limit: int = 100
) -> list[PublicExamSession]:
    """Sessions that have not started yet, soonest first, with their seats left."""
    admitted = (
        select(ExamAdmission.session_id, func.count(ExamAdmission.id).label("admitted"))
        .group_by(ExamAdmission.session_id)
        .subquery()
    )
    query = (
        select(ExamSession, func.coalesce(admitted.c.admitted, 0))
        .outerjoin(admitted, admitted.c.session_id == ExamSession.id)
        .where(ExamSession.starts_at > now, ExamSession.held_at.is_(None))
        .order_by(ExamSession.starts_at, ExamSession.id)
        .limit(limit)
    )
    if revenue_body is not None:
        query = query.where(ExamSession.revenue_body == revenue_body)
    rows = (await session.execute(query)).all()
    return [public_view(row, int(count)) for row, count in rows]
