"""An open complaint's stored terms follow a decree transfer (issue 21).

Filed Mon 2 Nov 2026 10:00 (UTC+5), provider level: review in 5 working days (3, 4, 5, 6, 9
Nov → Mon 9 Nov 18:30), settlement in 3 (3, 4, 5 → Thu 5 Nov 18:30). A transfer making Wed
4 Nov a day off moves them to Tue 10 Nov and Fri 6 Nov; a deadline recorded missed under the
old table is no longer missed; removing the transfer moves them back. Made-up dates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import chain_is_intact
from registry.calendar import KZ_TZ
from registry.calendar.transfers import Transfer, TransferKind
from registry.models import Complaint
from registry.statedb.postgres import PostgresStateDatabase
from registry.workflow import calendar_changes
from tests.complaints.conftest import complain, registered
from tests.workflow.helpers import events_of

FILED = datetime(2026, 11, 2, 10, 0, tzinfo=KZ_TZ)
DAY = date(2026, 11, 4)
NOW = datetime(2026, 11, 3, 12, 0, tzinfo=KZ_TZ)


def _at(day: int) -> datetime:
    return datetime(2026, 11, day, 18, 30, tzinfo=KZ_TZ)


async def _complaint(sessions: async_sessionmaker[AsyncSession], complaint_id: Any) -> Complaint:
    async with sessions() as session:
        complaint = await session.get(Complaint, complaint_id)
    assert complaint is not None
    return complaint


async def test_a_transfer_moves_an_open_complaints_terms_and_back(
    make_partner: Any,
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
) -> None:
    partner = await make_partner()
    application_id = await registered(sessions, statedb, partner, FILED)
    filed = await complain(sessions, partner, application_id, FILED)
    assert (filed.due_at, filed.settle_due_at) == (_at(9), _at(5))
    async with sessions() as session, session.begin():  # as if the cron had already run
        await session.execute(
            update(Complaint).where(Complaint.id == filed.id).values(missed_at=datetime.now(UTC))
        )

    transfer = Transfer(date=DAY, kind=TransferKind.OFF, decree="test order on 4 Nov 2026")
    async with sessions() as session, session.begin():
        added = await calendar_changes.add_transfer(session, transfer, "operator:test", NOW)
    try:
        mine = [m for m in added.moved if m.application_id == application_id]
        assert {(m.subject, m.old_due_at, m.new_due_at) for m in mine} >= {
            ("complaint", _at(9), _at(10)),
            ("complaint_settle", _at(5), _at(6)),
        }
        stored = await _complaint(sessions, filed.id)
        assert (stored.due_at, stored.settle_due_at) == (_at(10), _at(6))
        assert stored.missed_at is None  # the new due time lies ahead of NOW
        assert any(reason["code"] == "decree_day_off" for reason in stored.reasons)
    finally:
        async with sessions() as session, session.begin():
            removed = await calendar_changes.remove_transfer(session, DAY, "operator:test", NOW)
    assert {
        (m.subject, m.new_due_at) for m in removed.moved if m.application_id == application_id
    } >= {
        ("complaint", _at(9)),
        ("complaint_settle", _at(5)),
    }
    stored = await _complaint(sessions, filed.id)
    assert (stored.due_at, stored.settle_due_at) == (_at(9), _at(5))
    events = await events_of(sessions, application_id)
    moved = [e.data for e in events if e.kind == "due_time_rederived"]
    assert [(m["subject"], m["change"]) for m in moved if m["subject"].startswith("complaint")] == [
        ("complaint", "added"), ("complaint_settle", "added"),
        ("complaint", "removed"), ("complaint_settle", "removed"),
    ]  # fmt: skip
    assert next(m for m in moved if m["subject"] == "complaint")["missed_cleared"] is True
    assert chain_is_intact(events)
