"""Journals and their numbering: one counter per journal and year (numbering restarts yearly).

``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` takes the next number in one statement; the
row lock it holds until commit serialises concurrent takers, and a rolled-back transaction gives
its number back, so numbers have no gaps.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import Insert, insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from registry.calendar import to_local
from registry.models import JournalCounter, JournalEntry


async def next_number(session: AsyncSession, journal: str, year: int) -> int:
    statement = (
        pg_insert(JournalCounter)
        .values(journal=journal, year=year, last=1)
        .on_conflict_do_update(
            index_elements=[JournalCounter.journal, JournalCounter.year],
            set_={"last": JournalCounter.last + 1},
        )
        .returning(JournalCounter.last)
    )
    number: int = (await session.execute(statement)).scalar_one()
    return number


class Line(msgspec.Struct, frozen=True, kw_only=True):
    """A journal line's number, taken: its year, sequence and formatted number."""

    journal: str
    year: int
    seq: int
    number: str


async def take_number(
    session: AsyncSession, journal: str, *, at: datetime, number_format: str
) -> Line:
    """The next number of ``journal`` (locks its counter row until the transaction ends);
    ``number_format`` gets ``seq`` and ``year`` (local year)."""
    year = to_local(at).year
    seq = await next_number(session, journal, year)
    return Line(
        journal=journal, year=year, seq=seq, number=number_format.format(seq=seq, year=year)
    )


def entry_insert(
    line: Line, *, at: datetime, application_id: uuid.UUID | None, columns: dict[str, Any]
) -> Insert:
    """The INSERT of ``line`` in its journal."""
    return insert(JournalEntry).values(
        journal=line.journal,
        year=line.year,
        seq=line.seq,
        number=line.number,
        application_id=application_id,
        entered_at=at,
        columns=columns,
    )


async def enter(
    session: AsyncSession,
    journal: str,
    *,
    at: datetime,
    number_format: str,
    application_id: uuid.UUID | None,
    columns: dict[str, Any],
) -> str:
    """Enter a line in ``journal``; ``number_format`` gets ``seq`` and ``year`` (local year)."""
    line = await take_number(session, journal, at=at, number_format=number_format)
    await session.execute(entry_insert(line, at=at, application_id=application_id, columns=columns))
    return line.number
