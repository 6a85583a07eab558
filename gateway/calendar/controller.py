"""Public calendar endpoints: partner portals show expected dates with them.

The same contract as ``qaqpa calendar``: ``/receipt?at=`` answers ``{received_at,
counts_from, reasons}``, ``/due?from=&term=`` answers ``{from, term, due, reasons}``,
``/days?year=`` answers ``{year, days}``. Times are ISO 8601; any offset (or ``Z``) is
accepted, naive times are UTC+5, answers carry ``+05:00``. Bad input is a 400 validation
problem whose ``errors`` carry a stable ``code`` (``invalid_time``, ``invalid_term``); a term
over its unit's ceiling (registry.calendar.terms.MAX_AMOUNT) says the ceiling in the detail,
in the language of ``Accept-Language``. Every accepted input is a short computation: terms are
bounded, moments and years lie in 1991-2100.
Computed with the process-wide calendar (the database's decree transfers once loaded).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from litestar import Controller, get
from litestar.exceptions import ValidationException
from litestar.params import QueryParameter

from gateway.problems import LocalizedProblem
from registry.calendar.arithmetic import add_term, receipt
from registry.calendar.clock import MAX_YEAR, MIN_YEAR, parse_moment
from registry.calendar.current import current_calendar
from registry.calendar.errors import CalendarError, TermTooLongError
from registry.calendar.results import Due, Receipt, YearDays, year_days
from registry.calendar.terms import MAX_AMOUNT, Term, parse_term

_MOMENT = "ISO 8601 date-time, e.g. `2025-01-06T17:30:00+05:00`; without an offset it is UTC+5."
_TERM = (
    "`N UNIT` with UNIT one of `working-minutes`, `working-hours`, `working-days`, "
    "`calendar-days`, e.g. `2 working-days`. At most "
    + ", ".join(f"`{amount} {unit.value}`" for unit, amount in MAX_AMOUNT.items())
    + " (a longer term is a 400 whose detail states the bound)."
)


# What the document promises is accepted (issue 17, `make fuzz`): an RFC 3339 date-time whose
# year, read in any offset, lies inside the calendar (a year away from each end), and a term
# in its unit's bound. The API accepts more (no offset, a bare date, upper case, spaces).
_MOMENT_SCHEMA = {
    "format": "date-time",
    "pattern": f"^({'|'.join(str(year) for year in range(MIN_YEAR + 1, MAX_YEAR))})-",
}


def up_to(maximum: int) -> str:
    """A regular expression for the numbers 0..``maximum`` written without leading zeros."""
    text = str(maximum)
    shorter = ["[0-9]"] + [f"[1-9][0-9]{{{n - 1}}}" for n in range(2, len(text))]
    same_length = []
    for at, digit in enumerate(text):
        lowest = 1 if at == 0 and len(text) > 1 else 0
        if int(digit) > lowest:
            rest = len(text) - at - 1
            same_length.append(
                f"{text[:at]}[{lowest}-{int(digit) - 1}]" + (f"[0-9]{{{rest}}}" if rest else "")
            )
    return "(" + "|".join(shorter[: len(text) - 1] + same_length + [text]) + ")"


_TERM_SCHEMA = {
    "pattern": "^("
    + "|".join(f"{up_to(amount)} {unit.value}" for unit, amount in MAX_AMOUNT.items())
    + ")$"
}


# Calendar errors are caught here rather than left to the problem plugin: the answer is a
# validation problem whose ``errors`` entry names the query parameter (``key``) and carries the
# calendar's code, and a too-long term states its bound in the asker's language.


def _invalid(key: str, exc: CalendarError) -> ValidationException:
    return ValidationException(
        detail=str(exc),
        extra=[{"key": key, "source": "query", "code": exc.code, "message": str(exc)}],
    )


def _moment(key: str, text: str) -> datetime:
    try:
        return parse_moment(text)
    except CalendarError as exc:
        raise _invalid(key, exc) from exc


def _too_long(exc: TermTooLongError) -> LocalizedProblem:
    """The bound stated in the asker's language; ``maximum`` gives it in the term syntax."""
    error = {
        "key": "term",
        "source": "query",
        "code": exc.code,
        "message": str(exc),
        "maximum": exc.maximum,
    }
    bound = exc.bound
    return LocalizedProblem(
        400,
        "validation_error",
        {"kk": bound.kk, "ru": bound.ru, "en": bound.en},
        extra={"errors": [error]},
    )


def _term(text: str) -> Term:
    try:
        return parse_term(text)
    except TermTooLongError as exc:
        raise _too_long(exc) from exc
    except CalendarError as exc:
        raise _invalid("term", exc) from exc


class CalendarController(Controller):
    path = "/v1/calendar"
    tags = ["calendar"]

    @get(
        "/receipt",
        summary="When an application counts as received",
        description=(
            "Outside working time (Mon–Fri 09:00–18:30, UTC+5) or after 17:00 an application "
            "counts from 09:00 of the next working day; before 09:00, from 09:00 that day."
        ),
        sync_to_thread=False,
    )
    def receipt(
        self,
        at: Annotated[
            str, QueryParameter(description="Arrival. " + _MOMENT, schema_extra=_MOMENT_SCHEMA)
        ],
    ) -> Receipt:
        return receipt(current_calendar(), _moment("at", at))

    @get(
        "/due",
        summary="The due time of a term",
        description=(
            "Minutes and hours run in working time only; working days run from the next "
            "working day and end at 18:30; calendar days end at 18:30 of the last day, or of "
            "the next working day when that one is not."
        ),
        sync_to_thread=False,
    )
    def due(
        self,
        from_: Annotated[
            str,
            QueryParameter(
                name="from", description="Start. " + _MOMENT, schema_extra=_MOMENT_SCHEMA
            ),
        ],
        term: Annotated[str, QueryParameter(description=_TERM, schema_extra=_TERM_SCHEMA)],
    ) -> Due:
        return add_term(current_calendar(), _moment("from", from_), _term(term))

    @get(
        "/days",
        summary="The year's non-working days and working weekend days",
        sync_to_thread=False,
    )
    def days(
        self, year: Annotated[int, QueryParameter(ge=MIN_YEAR, le=MAX_YEAR, description="Year.")]
    ) -> YearDays:
        return year_days(current_calendar(), year)
