"""001 p.4: exam places and times are published at least once a month.

:func:`months_without_session` lists the months (local time) of a range in which no session
is scheduled, for one revenue body or for all; ``qaqpa exams check-monthly`` prints them and
exits 1 when there is any, so a cron or a monitoring probe can alert before a month is missed.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.calendar import KZ_TZ, to_local
from registry.declarant_certificate.retake import add_months
from registry.models import ExamSession


def month_label(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


async def months_without_session(
    session: AsyncSession, first: date, months: int, *, revenue_body: str | None = None
) -> list[str]:
    """``YYYY-MM`` of each of the ``months`` months from ``first``'s month with no session."""
    if months < 1:
        raise ValueError("check at least one month")
    start = first.replace(day=1)
    end = add_months(start, months)
    query = select(ExamSession.starts_at).where(
        ExamSession.starts_at >= datetime.combine(start, time(), KZ_TZ),
        ExamSession.starts_at < datetime.combine(end, time(), KZ_TZ),
    )
    if revenue_body is not None:
        query = query.where(ExamSession.revenue_body == revenue_body)
    scheduled = {month_label(to_local(moment).date()) for moment in await session.scalars(query)}
    wanted = [month_label(add_months(start, offset)) for offset in range(months)]
    return [month for month in wanted if month not in scheduled]
