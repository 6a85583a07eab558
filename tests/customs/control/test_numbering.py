"""Registration numbers OFFICE/DDMMYY/NNNNNNN: per office per local day, no gaps, no duplicates."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.customs_release.numbering import journal_key, registration_number
from registry.models import JournalEntry

Sessions = async_sessionmaker[AsyncSession]


def office() -> str:
    """A fresh 8-digit office code, so each test's sequences start at 1."""
    return f"9{uuid.uuid4().int % 10**7:07d}"


async def take(sessions: Sessions, code: str, at: datetime, declarant: str | None = None) -> str:
    async with sessions() as session, session.begin():
        return await registration_number(session, code, at, declarant=declarant)


async def test_number_format_and_journal_line(sessions: Sessions) -> None:
    code = office()
    at = datetime(2031, 3, 7, 4, 30, tzinfo=UTC)
    number = await take(sessions, code, at, declarant="940140000385")
    assert number == f"{code}/070331/0000001"
    async with sessions() as session:
        entry = await session.scalar(select(JournalEntry).where(JournalEntry.number == number))
    assert entry is not None
    assert entry.journal == journal_key(code, at.date()) and entry.seq == 1
    assert entry.columns == {
        "declarant": "940140000385",
        "office": code,
        "registered_at": "2031-03-07T04:30:00+00:00",
    }


async def test_the_day_is_the_local_utc_plus_5_day(sessions: Sessions) -> None:
    code = office()
    late_utc = datetime(2031, 3, 7, 19, 30, tzinfo=UTC)  # 00:30 on 8 March in Astana
    assert await take(sessions, code, late_utc) == f"{code}/080331/0000001"


async def test_sequence_per_office_per_day_restarting_each_day(sessions: Sessions) -> None:
    first, second = office(), office()
    day = datetime(2031, 5, 12, 5, 0, tzinfo=UTC)
    numbers = [await take(sessions, first, day) for _ in range(3)]
    assert numbers == [f"{first}/120531/000000{n}" for n in (1, 2, 3)]
    assert await take(sessions, second, day) == f"{second}/120531/0000001"
    next_day = datetime(2031, 5, 13, 3, 0, tzinfo=UTC)
    assert await take(sessions, first, next_day) == f"{first}/130531/0000001"
    assert await take(sessions, first, day) == f"{first}/120531/0000004"


async def test_a_rolled_back_registration_gives_its_number_back(sessions: Sessions) -> None:
    code = office()
    at = datetime(2031, 6, 2, 6, 0, tzinfo=UTC)
    async with sessions() as session, session.begin():
        assert await registration_number(session, code, at) == f"{code}/020631/0000001"
        await session.rollback()
    assert await take(sessions, code, at) == f"{code}/020631/0000001"


async def test_concurrent_registrations_get_distinct_consecutive_numbers(
    sessions: Sessions,
) -> None:
    code = office()
    at = datetime(2031, 7, 1, 6, 0, tzinfo=UTC)
    count = 25
    numbers = await asyncio.gather(*(take(sessions, code, at) for _ in range(count)))
    assert len(set(numbers)) == count
    assert sorted(numbers) == [f"{code}/010731/{n:07d}" for n in range(1, count + 1)]


async def test_office_code_must_be_eight_digits(sessions: Sessions) -> None:
    async with sessions() as session:
        with pytest.raises(ValueError, match="8 digits"):
            await registration_number(session, "5520100", datetime(2031, 1, 5, tzinfo=UTC))
