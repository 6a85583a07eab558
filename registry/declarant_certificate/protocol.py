"""A session's protocol: its number and date and every admitted applicant's score.

001 p.9(5)-(6): the executor summarises the exam in a protocol signed by the head and the
exam officials; the certificates are prepared on its basis. This is its content.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.declarant_certificate.sessions import get_session
from registry.models import ExamAdmission
from registry.row_views import from_row


class ProtocolLine(msgspec.Struct, frozen=True, kw_only=True):
    application_id: uuid.UUID
    full_name: str
    iin: str
    correct: int | None
    total: int | None
    score_percent: Decimal | None
    passed: bool | None  # None: not scored yet
    certificate_number: str | None
    badge_number: str | None


class Protocol(msgspec.Struct, frozen=True, kw_only=True):
    session_id: uuid.UUID
    revenue_body: str
    address: str
    starts_at: datetime
    held_at: datetime | None
    protocol_number: str | None  # None until the session is held
    protocol_date: date | None
    lines: list[ProtocolLine]


async def protocol_of(session: AsyncSession, session_id: uuid.UUID) -> Protocol:
    exam = await get_session(session, session_id)
    rows = await session.scalars(
        select(ExamAdmission)
        .where(ExamAdmission.session_id == session_id)
        .order_by(ExamAdmission.applicant_name, ExamAdmission.id)
    )
    return from_row(
        Protocol,
        exam,
        session_id=exam.id,
        lines=[
            from_row(ProtocolLine, row, full_name=row.applicant_name, iin=row.applicant_iin)
            for row in rows
        ],
    )
