"""Complaint terms, computed on receipt and stored: 5 / 15 working days, settle within 3.

Local time is UTC+5. Each case was worked out by hand from the calendar rules (receipt after
17:00 or on a non-working day counts from 09:00 of the next working day; a working-day term
runs from the next working day and ends at 18:30 of the last one).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.calendar import current_calendar
from registry.complaints.terms import Level, complaint_times
from registry.models import Complaint
from registry.statedb.postgres import PostgresStateDatabase
from tests.complaints.conftest import complain, registered

KZ = timezone(timedelta(hours=5))


def local(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=KZ)


CASES = [
    # Monday 23 Nov 2026 10:00, inside working hours: counts from then. 5 working days run
    # Tue 24 .. Mon 30 (the weekend skipped); settling 3 days: Tue 24 .. Thu 26.
    pytest.param(
        local(2026, 11, 23, 10, 0), "provider", local(2026, 11, 23, 10, 0),
        local(2026, 11, 30, 18, 30), local(2026, 11, 26, 18, 30), {"start_day", "weekend"},
        id="weekday-in-hours",
    ),
    # Friday 27 Nov 2026 17:30, after 17:00: counts from Monday 30 Nov 09:00. 5 working days
    # Tue 1 .. Mon 7 Dec; 3 working days Tue 1 .. Thu 3 Dec.
    pytest.param(
        local(2026, 11, 27, 17, 30), "provider", local(2026, 11, 30, 9, 0),
        local(2026, 12, 7, 18, 30), local(2026, 12, 3, 18, 30), {"after_cutoff", "weekend"},
        id="friday-after-17",
    ),
    # The same arrival to the authorised body: 15 working days from Monday 30 Nov skip
    # Independence Day (Wed 16 Dec) -> Tue 22 Dec.
    pytest.param(
        local(2026, 11, 27, 17, 30), "authority", local(2026, 11, 30, 9, 0),
        local(2026, 12, 22, 18, 30), local(2026, 12, 3, 18, 30), {"after_cutoff", "holiday"},
        id="authority-over-a-holiday",
    ),
    # Tuesday 15 Dec 2026 17:01: after 17:00, and Wed 16 Dec is Independence Day -> counts
    # from Thu 17 Dec 09:00. 5 working days Fri 18, Mon 21 .. Thu 24; 3: Fri 18 .. Tue 22.
    pytest.param(
        local(2026, 12, 15, 17, 1), "provider", local(2026, 12, 17, 9, 0),
        local(2026, 12, 24, 18, 30), local(2026, 12, 22, 18, 30), {"after_cutoff", "holiday"},
        id="evening-before-a-holiday",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("arrived", "level", "counts", "due", "settle", "codes"), CASES)
def test_complaint_times_follow_the_receipt_rule_and_the_calendar(
    arrived: datetime, level: Level, counts: datetime, due: datetime, settle: datetime,
    codes: set[str],
) -> None:  # fmt: skip
    times = complaint_times(current_calendar(), arrived, level)
    assert times.counts_from == counts
    assert times.due_at == due
    assert times.settle_due_at == settle
    assert str(times.term) == ("5 working-days" if level == "provider" else "15 working-days")
    assert str(times.settle_term) == "3 working-days"
    assert codes <= {reason.code.value for reason in times.reasons}


async def test_a_filed_complaint_stores_its_times_and_the_calendars_reasons(
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
    make_partner: object,
) -> None:
    partner = await make_partner()  # type: ignore[operator]
    application_id = await registered(sessions, statedb, partner, local(2026, 11, 26, 10, 0))
    view = await complain(sessions, partner, application_id, local(2026, 11, 27, 17, 30))
    async with sessions() as session:
        stored = await session.scalar(select(Complaint).where(Complaint.id == view.id))
    assert stored is not None
    assert (stored.status, stored.level, stored.term) == ("open", "provider", "5 working-days")
    assert stored.received_at == local(2026, 11, 27, 17, 30)
    assert stored.counts_from == local(2026, 11, 30, 9, 0)
    assert stored.due_at == local(2026, 12, 7, 18, 30)
    assert stored.settle_due_at == local(2026, 12, 3, 18, 30)
    assert stored.number.startswith("ШҚ-2026-")
    codes = [reason["code"] for reason in stored.reasons]
    assert codes[0] == "after_cutoff" and "weekend" in codes
    # Each reason carries its text in the three languages, as stored for steps.
    assert all(set(reason["text"]) == {"kk", "ru", "en"} for reason in stored.reasons)
    assert "after_cutoff" in {reason["code"] for reason in stored.settle_reasons}
