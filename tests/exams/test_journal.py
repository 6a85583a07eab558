"""The journal of certificates and badges: annex-1 columns, numbering that restarts yearly."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.calendar import KZ_TZ
from registry.declarant_certificate.journal import CERTIFICATES, enter_certificate, protocol_number
from registry.models import JournalEntry

ANNEX_1_COLUMNS = {
    "no", "full_name", "certificate_number", "badge_number", "protocol_number",
    "protocol_date", "issue_date", "valid_until", "recipient", "note",
}  # fmt: skip


async def _enter(session: AsyncSession, at: datetime, name: str) -> str:
    line = await enter_certificate(
        session, at=at, application_id=None, full_name=name,
        protocol=("П-1/2033", date(2033, 12, 30)), valid_until=date(2038, 12, 31),
    )  # fmt: skip
    return f"{line.no} {line.certificate_number} {line.badge_number}"


async def test_numbering_restarts_on_the_first_of_january_local_time(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await session.begin()
        numbers = [
            await _enter(session, datetime(2033, 12, 31, 10, 0, tzinfo=KZ_TZ), "Бірінші"),
            await _enter(session, datetime(2033, 12, 31, 23, 59, tzinfo=KZ_TZ), "Екінші"),
            # 00:30 on 1 January in Kazakhstan is still 31 December in UTC: the local year counts.
            await _enter(session, datetime(2034, 1, 1, 0, 30, tzinfo=KZ_TZ), "Үшінші"),
            await _enter(session, datetime(2034, 1, 2, 9, 0, tzinfo=KZ_TZ), "Төртінші"),
        ]
        entries = [
            (entry.year, entry.seq, entry.number, dict(entry.columns))
            for entry in await session.scalars(
                select(JournalEntry)
                .where(JournalEntry.journal == CERTIFICATES, JournalEntry.year >= 2033)
                .order_by(JournalEntry.year, JournalEntry.seq)
            )
        ]
        protocol = await protocol_number(session, datetime(2034, 1, 1, 0, 30, tzinfo=KZ_TZ))
        await session.rollback()  # leave the shared database's counters as they were
    assert numbers == [
        "1 0001/2033 Б-0001/2033",
        "2 0002/2033 Б-0002/2033",
        "1 0001/2034 Б-0001/2034",
        "2 0002/2034 Б-0002/2034",
    ]
    assert [entry[:3] for entry in entries] == [
        (2033, 1, "0001/2033"), (2033, 2, "0002/2033"),
        (2034, 1, "0001/2034"), (2034, 2, "0002/2034"),
    ]  # fmt: skip
    assert set(entries[0][3]) == ANNEX_1_COLUMNS
    third = entries[2][3]
    assert third["full_name"] == third["recipient"] == "Үшінші"
    assert (third["protocol_number"], third["protocol_date"]) == ("П-1/2033", "2033-12-30")
    assert (third["issue_date"], third["valid_until"]) == ("2034-01-01", "2038-12-31")
    assert protocol == "П-1/2034"
