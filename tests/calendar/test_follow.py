"""The calendar follower: a process reloads its calendar when the transfer table changes, and
catches up after its listening connection was lost (issue 21)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.calendar import store
from registry.calendar.current import current_calendar, use_calendar
from registry.calendar.days import WorkingCalendar
from registry.calendar.follow import CalendarFollower
from registry.calendar.transfers import SEEDED_TRANSFERS, Transfer, TransferKind

DAY = date(2031, 11, 12)  # a Wednesday no decree touches (made up)


@pytest.fixture
async def follower(
    pg_url: str, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[CalendarFollower]:
    before = current_calendar()
    following = CalendarFollower(pg_url, sessions)
    following.start()
    try:
        assert await following.wait_listening(10)
        yield following
    finally:
        await following.aclose()
        use_calendar(before)


async def test_a_committed_change_is_loaded_and_a_lost_connection_catches_up(
    follower: CalendarFollower, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await follower.wait_reloaded(0, 10)  # the catch-up after the first LISTEN
    use_calendar(WorkingCalendar(SEEDED_TRANSFERS))  # as if nothing were loaded
    reloads = follower.reloads
    async with sessions() as session, session.begin():
        await store.add_transfer(session, Transfer(date=DAY, kind=TransferKind.OFF, decree="test"))
    try:
        assert await follower.wait_reloaded(reloads, 10)
        assert not current_calendar().is_working(DAY)

        # The listening connection dies; the table changes meanwhile or not: the reconnect
        # reloads the table anyway.
        first = follower.backend_pid
        use_calendar(WorkingCalendar(SEEDED_TRANSFERS))
        reloads = follower.reloads
        async with sessions() as session, session.begin():
            await session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        assert await follower.wait_reloaded(reloads, 20)
        assert follower.backend_pid not in (None, first)
        assert not current_calendar().is_working(DAY)
    finally:
        reloads = follower.reloads
        async with sessions() as session, session.begin():
            await store.remove_transfer(session, DAY)
    assert await follower.wait_reloaded(reloads, 10)
    assert current_calendar().is_working(DAY)
