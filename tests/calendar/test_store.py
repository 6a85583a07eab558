"""Decree transfers in PostgreSQL: seeded rows, add/remove, reload, the CLI with a database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.calendar import store
from registry.calendar.cli import calendar
from registry.calendar.current import current_calendar, use_calendar
from registry.calendar.days import WorkingCalendar
from registry.calendar.errors import InvalidTransferError
from registry.calendar.transfers import SEEDED_TRANSFERS, Transfer, TransferKind

# Fri 18 Dec 2026: an ordinary working day no real decree touches (made up for the tests).
TEST_DAY = date(2026, 12, 18)


@pytest.fixture
def restore_calendar() -> Iterator[None]:
    before = current_calendar()
    yield
    use_calendar(before)


async def test_the_migration_seeds_the_known_transfers(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        assert await store.list_transfers(session) == list(SEEDED_TRANSFERS)


@pytest.mark.usefixtures("restore_calendar")
async def test_add_reload_remove(sessions: async_sessionmaker[AsyncSession]) -> None:
    transfer = Transfer(date=TEST_DAY, kind=TransferKind.OFF, decree="test decree")
    async with sessions() as session, session.begin():
        await store.add_transfer(session, transfer)
    try:
        loaded = await store.load_calendar(sessions)
        assert current_calendar() is loaded
        assert not loaded.is_working(TEST_DAY)
    finally:
        async with sessions() as session, session.begin():
            removed = await store.remove_transfer(session, TEST_DAY)
    assert removed == transfer
    assert (await store.load_calendar(sessions)).is_working(TEST_DAY)


@pytest.mark.parametrize(
    "transfer",
    [
        Transfer(date=date(2024, 5, 4), kind=TransferKind.WORKING, decree="again"),  # seeded
        Transfer(date=date(2026, 12, 19), kind=TransferKind.OFF, decree="x"),  # a Saturday
        Transfer(date=TEST_DAY, kind=TransferKind.WORKING, decree="x"),  # already working
        Transfer(date=TEST_DAY, kind=TransferKind.OFF, decree="  "),  # no decree
    ],
)
async def test_meaningless_transfers_are_refused(
    sessions: async_sessionmaker[AsyncSession], transfer: Transfer
) -> None:
    async with sessions() as session:
        with pytest.raises(InvalidTransferError):
            await store.add_transfer(session, transfer)
        await session.rollback()
    async with sessions() as session:
        assert await store.list_transfers(session) == list(SEEDED_TRANSFERS)


async def test_remove_of_a_missing_transfer(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        assert await store.remove_transfer(session, TEST_DAY) is None


@pytest.mark.usefixtures("restore_calendar")
def test_cli_with_the_database(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QAQPA_DATABASE_URL", pg_url)
    runner = CliRunner()
    due = ["due", "--from", "2026-12-17T10:00", "--term", "1 working-days"]

    added = runner.invoke(calendar, ["transfers", "add", TEST_DAY.isoformat(), "--off",
                                     "--decree", "test decree"])  # fmt: skip
    assert added.exit_code == 0, added.stderr
    try:
        # Fri 18 Dec off by the new row, 19-20 weekend: Mon 21 Dec.
        result = runner.invoke(calendar, due)
        assert result.exit_code == 0
        assert result.stderr == ""  # no fallback warning: the database answered
        assert json.loads(result.stdout)["due"] == "2026-12-21T18:30:00+05:00"
        again = runner.invoke(calendar, ["transfers", "add", TEST_DAY.isoformat(), "--off",
                                         "--decree", "twice"])  # fmt: skip
        assert again.exit_code == 2
        assert "already has a transfer" in again.stderr
    finally:
        removed = runner.invoke(calendar, ["transfers", "remove", TEST_DAY.isoformat()])
    assert removed.exit_code == 0, removed.stderr
    assert json.loads(runner.invoke(calendar, due).stdout)["due"] == "2026-12-18T18:30:00+05:00"
    missing = runner.invoke(calendar, ["transfers", "remove", TEST_DAY.isoformat()])
    assert missing.exit_code == 2
    listed = json.loads(runner.invoke(calendar, ["transfers", "list"]).stdout)
    assert [row["date"] for row in listed] == [t.date.isoformat() for t in SEEDED_TRANSFERS]


def test_seeded_calendar_is_the_default() -> None:
    # Before any load, a process counts with the built-in table.
    assert WorkingCalendar(SEEDED_TRANSFERS).transfers == SEEDED_TRANSFERS
