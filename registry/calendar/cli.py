"""``qaqpa calendar``: receipt, due times and the year's days, as one JSON object on stdout.

The contract other tools rely on: ``receipt AT`` prints ``{"received_at", "counts_from",
"reasons"}``, ``due --from AT --term "N UNIT"`` prints ``{"from", "term", "due", "reasons"}``,
``days --year YYYY`` prints ``{"year", "days"}``, ``check-year YYYY`` prints ``{"year",
"holidays", "transfers", "next_year_transfers", "warnings"}`` (warnings also on stderr); times
are ISO 8601 with ``+05:00``. Bad input prints a message on stderr and exits 2.

These commands read the decree transfers from the database; when it is unreachable they say so
on stderr (one line) and use the built-in table, so they work on a machine with no stack.
``transfers add/remove`` and ``check-year`` need the database and exit 1 without it. Adding or
removing a transfer re-derives the stored due times around its date in the same transaction
(registry/workflow/calendar_changes.py): each moved one is a line on stderr.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import NoReturn, TypeVar

import click
import msgspec
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.status_cache import forget_statuses
from registry.calendar import store
from registry.calendar.arithmetic import add_term, receipt
from registry.calendar.clock import MAX_YEAR, MIN_YEAR, parse_moment, to_local
from registry.calendar.days import WorkingCalendar
from registry.calendar.errors import CalendarError
from registry.calendar.results import Pause, year_days
from registry.calendar.terms import parse_term
from registry.calendar.transfers import SEEDED_TRANSFERS, Transfer, TransferKind
from registry.calendar.yearly import check_year
from registry.db import create_engine, session_factory
from registry.settings import SettingsError, load_settings
from registry.workflow import calendar_changes as changes
from registry.workflow.calendar_changes import TransferOutcome

# The actor of a change made on the command line (on the events of the due times it moved).
OPERATOR = "operator:cli"

T = TypeVar("T")

# How long to wait for PostgreSQL before calling it unreachable.
DB_TIMEOUT_SECONDS = 5.0
# A transfer change re-derives every open due time around its date under the applications'
# locks (a running transition finishes first): allow it more than a read.
CHANGE_TIMEOUT_SECONDS = 300.0
EXIT_BAD_INPUT = 2
EXIT_NO_DATABASE = 1


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _print(result: msgspec.Struct) -> None:
    click.echo(msgspec.json.encode(result))  # bytes: UTF-8 whatever the terminal's locale


def _database_url() -> str:
    try:
        return load_settings().database_url
    except SettingsError as exc:
        _fail(str(exc))


async def _with_database(
    work: Callable[[async_sessionmaker[AsyncSession]], Awaitable[T]],
    seconds: float = DB_TIMEOUT_SECONDS,
) -> T:
    engine = create_engine(_database_url(), pool_size=1)
    try:
        return await asyncio.wait_for(work(session_factory(engine)), seconds)
    finally:
        await engine.dispose()


def _calendar() -> WorkingCalendar:
    """The database's transfers; the built-in ones (with a warning) when it is unreachable."""
    try:
        return asyncio.run(_with_database(store.load_calendar))
    except (OSError, SQLAlchemyError, TimeoutError) as exc:
        click.echo(
            "warning: the database is unreachable "
            f"({type(exc).__name__}); using the built-in decree transfer table",
            err=True,
        )
        return WorkingCalendar(SEEDED_TRANSFERS)


@click.group()
def calendar() -> None:
    """The regulatory working-time calendar (UTC+5): receipt, due times, days off."""


@calendar.command("receipt")
@click.argument("at")
def receipt_command(at: str) -> None:
    """When an application arriving AT (ISO 8601) counts as received."""
    try:
        moment = parse_moment(at)
    except CalendarError as exc:
        _fail(str(exc))
    _print(receipt(_calendar(), moment))


@calendar.command("due")
@click.option("--from", "start", required=True, help="Start of the term (ISO 8601).")
@click.option(
    "--term",
    required=True,
    help='"N UNIT": working-minutes, working-hours, working-days or calendar-days.',
)
@click.option(
    "--pause",
    "pauses",
    multiple=True,
    metavar="PAUSED/RESUMED",
    help="A clock pause as two ISO 8601 moments joined by '/'; repeatable.",
)
def due_command(start: str, term: str, pauses: tuple[str, ...]) -> None:
    """The due time of TERM started at FROM, with the reasons."""
    try:
        moment, parsed = parse_moment(start), parse_term(term)
        stops = [_pause(text) for text in pauses]
        result = add_term(_calendar(), moment, parsed, stops)
    except CalendarError as exc:
        _fail(str(exc))
    _print(result)


def _pause(text: str) -> Pause:
    paused, slash, resumed = text.partition("/")
    if not slash:
        _fail(f"invalid pause {text!r}: expected PAUSED/RESUMED")
    return Pause(paused_at=parse_moment(paused), resumed_at=parse_moment(resumed))


@calendar.command("days")
@click.option("--year", required=True, type=click.IntRange(MIN_YEAR, MAX_YEAR))
def days_command(year: int) -> None:
    """The non-working days of YEAR and its working weekend days, with reasons."""
    _print(year_days(_calendar(), year))


@calendar.command("check-year")
@click.argument("year", type=click.IntRange(MIN_YEAR, MAX_YEAR - 1))
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Check as of this day (default: today in UTC+5).",
)
def check_year_command(year: int, today: datetime | None) -> None:
    """The holidays of YEAR (the holidays package) next to its stored decree transfers; warns
    when the next year has none recorded after 1 December."""
    day = today.date() if today is not None else to_local(datetime.now(UTC)).date()
    report = check_year(year, _need_database(_list), day)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    _print(report)


@calendar.group()
def transfers() -> None:
    """Decree transfers of days off (stored in the database)."""


@transfers.command("list")
def transfers_list() -> None:
    """Print the transfers in the database as a JSON array."""
    click.echo(msgspec.json.encode(_need_database(_list)))


async def _list(sessions: async_sessionmaker[AsyncSession]) -> list[Transfer]:
    async with sessions() as session:
        return await store.list_transfers(session)


@transfers.command("add")
@click.argument("day", metavar="DATE", type=click.DateTime(formats=["%Y-%m-%d"]))
@click.option(
    "--off", "kind", flag_value=TransferKind.OFF.value, help="A working day made a day off."
)
@click.option(
    "--working",
    "kind",
    flag_value=TransferKind.WORKING.value,
    help="A weekend day made a working day.",
)
@click.option("--decree", required=True, help="The act that made the transfer.")
def transfers_add(day: datetime, kind: str | None, decree: str) -> None:
    """Record that a decree made DATE a day off (--off) or a working day (--working)."""
    if kind is None:
        _fail("say --off or --working")
    transfer = Transfer(date=day.date(), kind=TransferKind(kind), decree=decree)

    async def add(sessions: async_sessionmaker[AsyncSession]) -> TransferOutcome:
        async with sessions() as session, session.begin():
            outcome = await changes.add_transfer(session, transfer, OPERATOR, datetime.now(UTC))
        return await _with_stragglers(sessions, outcome)

    _report(_need_database(add, CHANGE_TIMEOUT_SECONDS))


@transfers.command("remove")
@click.argument("day", metavar="DATE", type=click.DateTime(formats=["%Y-%m-%d"]))
def transfers_remove(day: datetime) -> None:
    """Delete the transfer on DATE."""
    target: date = day.date()

    async def remove(sessions: async_sessionmaker[AsyncSession]) -> TransferOutcome:
        async with sessions() as session, session.begin():
            outcome = await changes.remove_transfer(session, target, OPERATOR, datetime.now(UTC))
        return await _with_stragglers(sessions, outcome)

    _report(_need_database(remove, CHANGE_TIMEOUT_SECONDS))


async def _with_stragglers(
    sessions: async_sessionmaker[AsyncSession], outcome: TransferOutcome
) -> TransferOutcome:
    """The committed change and its second pass (registry/workflow/calendar_changes.py)."""
    late = await changes.catch_stragglers(sessions, outcome, OPERATOR)
    return msgspec.structs.replace(outcome, moved=outcome.moved + late)


def _report(outcome: TransferOutcome) -> None:
    """The transfer on stdout (the command's contract); each moved due time on stderr. The
    touched applications' status cache entries are dropped (best effort: they expire anyway)."""
    for moved in outcome.moved:
        click.echo(
            f"moved: application {moved.application_id} {moved.subject} {moved.name}: "
            f"{to_local(moved.old_due_at).isoformat()} -> {to_local(moved.new_due_at).isoformat()}",
            err=True,
        )
    touched = sorted({moved.application_id for moved in outcome.moved})
    warning = forget_statuses(load_settings().redis_url, touched) if touched else None
    if warning is not None:
        click.echo(warning, err=True)
    click.echo(msgspec.json.encode(outcome.transfer))


def _need_database(
    work: Callable[[async_sessionmaker[AsyncSession]], Awaitable[T]],
    seconds: float = DB_TIMEOUT_SECONDS,
) -> T:
    try:
        return asyncio.run(_with_database(work, seconds))
    except CalendarError as exc:
        _fail(str(exc))
    except (OSError, SQLAlchemyError, TimeoutError) as exc:
        _fail(f"the database is unreachable ({type(exc).__name__}: {exc})", EXIT_NO_DATABASE)
