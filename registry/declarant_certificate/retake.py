"""A failed candidate re-applies no earlier than one month after the test (001 p.6(5)).

**How a month is counted**: in calendar months of local dates (UTC+5, as registry.calendar).
A test on day D of a month allows a new application from day D of the next month; when that
month is shorter, from its last day (a test on 31 January allows one from 28 — or 29 —
February). The application's date is its registration date (the date of its incoming
number). The test that counts is the candidate's latest failed exam held on or before that
date.
"""

from __future__ import annotations

from datetime import date, datetime

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.calendar import to_local
from registry.models import ExamAdmission, ExamSession


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def retake_allowed_from(exam_day: date) -> date:
    """The first date a new application is accepted after failing the exam on ``exam_day``."""
    return add_months(exam_day, 1)


async def last_failed_exam(session: AsyncSession, iin: str, until: datetime) -> date | None:
    """The local date of ``iin``'s latest failed exam held at or before ``until``."""
    starts_at = await session.scalar(
        select(ExamSession.starts_at)
        .join(ExamAdmission, ExamAdmission.session_id == ExamSession.id)
        .where(
            ExamAdmission.applicant_iin == iin,
            ExamAdmission.passed.is_(False),
            ExamSession.starts_at <= until,
        )
        .order_by(ExamSession.starts_at.desc())
        .limit(1)
    )
    return None if starts_at is None else to_local(starts_at).date()


class EarlyRetake(msgspec.Struct, frozen=True, kw_only=True):
    failed_on: date
    allowed_from: date


async def early_retake(session: AsyncSession, iin: str, applied_at: datetime) -> EarlyRetake | None:
    """The failed exam that makes an application at ``applied_at`` too early, if any."""
    failed_on = await last_failed_exam(session, iin, applied_at)
    if failed_on is None:
        return None
    allowed = retake_allowed_from(failed_on)
    if to_local(applied_at).date() >= allowed:
        return None
    return EarlyRetake(failed_on=failed_on, allowed_from=allowed)
