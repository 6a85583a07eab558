"""Receipt, terms and pauses, counted as docs/SERVICES.md ("How terms are counted") says.

Decisions where the text leaves room (each is tested):

* Receipt. An arrival on a non-working day, or on a working day *after* 17:00 (17:00:00 itself
  is on time: the regulation says "after 17.00"), counts from 09:00 of the next working day;
  before 09:00 on a working day it counts from 09:00 that day. An arrival during lunch stands
  as it is: lunch is inside the working day, and the regulation moves only evening,
  non-working-day and after-17:00 arrivals. Receipt of its own result changes nothing.
* :func:`add_term` is pure term arithmetic from the moment it is given; it does not apply the
  17:00 receipt rule (that belongs to arrivals: see
  :func:`registry.calendar.registration.registration_times`).
* Minutes and hours run only inside working time; a start outside working time starts counting
  at the next working moment. The due time is the first moment the term is used up, so a term
  may end exactly at 13:00 or at 18:30. Zero terms end where they start.
* Working days run from the first working day *after the start's date*, whatever the hour of
  the start (also before 09:00 or on a non-working day: the rule says "from the next working
  day after the start", Civil Code style), and end at 18:30 of the last one.
* Calendar days run from the day after the start and end at 18:30 of the last; if that day is
  not a working day, at 18:30 of the next working day.
* Pauses: the term does not run while paused. For minutes and hours, the working time used
  before the pause is deducted and the rest runs from the resume moment. For days, the days
  already completed (a day is completed at its 18:30) are deducted and the remaining days run
  from the resume moment under the same rule as a start, i.e. from the next day after it.

Every function walks days one at a time, doing constant work per day: O(days in the term).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from registry.calendar import reasons
from registry.calendar.clock import CLOSE, CUTOFF, OPEN, PERIODS, at, to_local
from registry.calendar.days import DayKind, WorkingCalendar
from registry.calendar.errors import InvalidPauseError
from registry.calendar.reasons import Code, Reason
from registry.calendar.results import Due, Pause, Receipt
from registry.calendar.terms import Term, Unit

_ONE_DAY = timedelta(days=1)
_NOTHING = timedelta(0)


def receipt(calendar: WorkingCalendar, arrived_at: datetime) -> Receipt:
    """When an application arriving at ``arrived_at`` counts as received (rule 2)."""
    moment = to_local(arrived_at)
    day, clock = moment.date(), moment.timetz().replace(tzinfo=None)
    found: list[Reason] = []
    if calendar.is_working(day) and clock <= CUTOFF:
        if clock >= OPEN:
            return Receipt(received_at=moment, counts_from=moment, reasons=found)
        found.append(reasons.reason(Code.BEFORE_OPENING, day))
        return Receipt(received_at=moment, counts_from=at(day, OPEN), reasons=found)
    if calendar.is_working(day):
        found.append(reasons.reason(Code.AFTER_CUTOFF, day))
    else:
        found.append(_why_not_working(calendar, day))
    following = calendar.next_working_day(day)
    found += _skipped_days(calendar, day + _ONE_DAY, following - _ONE_DAY)
    return Receipt(received_at=moment, counts_from=at(following, OPEN), reasons=found)


def add_term(
    calendar: WorkingCalendar, start: datetime, term: Term, pauses: Iterable[Pause] = ()
) -> Due:
    """The due time of ``term`` started at ``start``, the clock stopped during ``pauses``."""
    start = to_local(start)
    ordered = _checked_pauses(pauses)
    due, found = _due_with_pauses(calendar, start, term, ordered)
    return Due(from_=start, term=str(term), due=due, reasons=found)


def working_time_between(calendar: WorkingCalendar, first: datetime, last: datetime) -> timedelta:
    """Working time between two moments (zero when ``last`` is not after ``first``)."""
    first, last = to_local(first), to_local(last)
    total = _NOTHING
    day = first.date()
    while day <= last.date():
        if calendar.is_working(day):
            for opens, closes in PERIODS:
                begin, end = max(first, at(day, opens)), min(last, at(day, closes))
                if end > begin:
                    total += end - begin
        day += _ONE_DAY
    return total


def close_of_working_day(
    calendar: WorkingCalendar, moment: datetime
) -> tuple[datetime, list[Reason]]:
    """18:30 of ``moment``'s day if that is a working day not yet closed, else of the next one.

    "On the day of receipt" (004 p.11: registration the day documents arrive) is this, applied
    to a receipt's ``counts_from``. Returns the skipped days' reasons too.
    """
    moment = to_local(moment)
    day = moment.date()
    if calendar.is_working(day) and moment <= at(day, CLOSE):
        return at(day, CLOSE), []
    following = calendar.next_working_day(day)
    return at(following, CLOSE), _skipped_days(calendar, day, following - _ONE_DAY)


# --- one term, no pauses ---------------------------------------------------------------------


def _due(calendar: WorkingCalendar, start: datetime, term: Term) -> tuple[datetime, list[Reason]]:
    if term.amount == 0:
        return start, []
    if term.unit.is_working_time:
        return _add_working_time(calendar, start, timedelta(minutes=term.minutes))
    if term.unit is Unit.WORKING_DAYS:
        return _add_working_days(calendar, start, term.amount)
    return _add_calendar_days(calendar, start, term.amount)


def _add_working_time(
    calendar: WorkingCalendar, start: datetime, remaining: timedelta
) -> tuple[datetime, list[Reason]]:
    """The first moment at which ``remaining`` working time has run from ``start``."""
    if remaining <= _NOTHING:
        return start, []
    found: list[Reason] = []
    cursor, day = start, start.date()
    while True:
        if not calendar.is_working(day):
            found.append(_why_not_working(calendar, day))
        else:
            found += _decree_note(calendar, day)
            for index, (opens, closes) in enumerate(PERIODS):
                period_start, period_end = at(day, opens), at(day, closes)
                if cursor >= period_end:
                    continue
                if cursor < period_start:
                    # Only the first day can start before 09:00; any later gap is lunch.
                    found.append(
                        reasons.reason(Code.BEFORE_OPENING if index == 0 else Code.LUNCH, day)
                    )
                    cursor = period_start
                available = period_end - cursor
                if remaining <= available:
                    return cursor + remaining, found
                remaining -= available
                cursor = period_end
            found.append(reasons.reason(Code.AFTER_HOURS, day))
        day += _ONE_DAY
        cursor = at(day, OPEN)


def _add_working_days(
    calendar: WorkingCalendar, start: datetime, count: int
) -> tuple[datetime, list[Reason]]:
    found = [reasons.reason(Code.START_DAY, start.date())]
    day, counted = start.date(), 0
    while counted < count:
        day += _ONE_DAY
        if calendar.is_working(day):
            counted += 1
            found += _decree_note(calendar, day)
        else:
            found.append(_why_not_working(calendar, day))
    return at(day, CLOSE), found


def _add_calendar_days(
    calendar: WorkingCalendar, start: datetime, count: int
) -> tuple[datetime, list[Reason]]:
    found = [reasons.reason(Code.START_DAY, start.date())]
    last = start.date() + timedelta(days=count)
    if calendar.is_working(last):
        return at(last, CLOSE), found
    found += [_why_not_working(calendar, last), reasons.reason(Code.END_MOVED, last)]
    following = calendar.next_working_day(last)
    found += _skipped_days(calendar, last + _ONE_DAY, following - _ONE_DAY)
    return at(following, CLOSE), found


# --- pauses ----------------------------------------------------------------------------------


def _checked_pauses(pauses: Iterable[Pause]) -> list[Pause]:
    ordered = sorted(
        (Pause(paused_at=to_local(p.paused_at), resumed_at=to_local(p.resumed_at)) for p in pauses),
        key=lambda p: p.paused_at,
    )
    for pause in ordered:
        if pause.resumed_at < pause.paused_at:
            raise InvalidPauseError(
                f"pause resumed at {pause.resumed_at.isoformat()} before it started "
                f"at {pause.paused_at.isoformat()}"
            )
    for earlier, later in itertools.pairwise(ordered):
        if later.paused_at < earlier.resumed_at:
            raise InvalidPauseError(
                f"pauses overlap: {later.paused_at.isoformat()} is before "
                f"{earlier.resumed_at.isoformat()}"
            )
    return ordered


def _due_with_pauses(
    calendar: WorkingCalendar, start: datetime, term: Term, pauses: Sequence[Pause]
) -> tuple[datetime, list[Reason]]:
    if term.unit.is_working_time:
        return _working_time_with_pauses(calendar, start, timedelta(minutes=term.minutes), pauses)
    return _days_with_pauses(calendar, start, term, pauses)


def _working_time_with_pauses(
    calendar: WorkingCalendar, start: datetime, remaining: timedelta, pauses: Sequence[Pause]
) -> tuple[datetime, list[Reason]]:
    cursor, found = start, []
    for pause in pauses:
        if pause.resumed_at <= cursor:
            continue  # over before the clock ran from here
        due, _ = _add_working_time(calendar, cursor, remaining)
        if pause.paused_at >= due:
            break  # the term was over before this (and any later) pause
        # Working time is monotone and ``due`` is the first moment it reaches ``remaining``,
        # so what ran before the pause is strictly less than ``remaining``.
        used = working_time_between(calendar, cursor, max(pause.paused_at, cursor))
        found += _add_working_time(calendar, cursor, used)[1]
        found.append(reasons.pause(pause.paused_at, pause.resumed_at))
        remaining -= used
        cursor = pause.resumed_at
    due, rest = _add_working_time(calendar, cursor, remaining)
    return due, found + rest


def _days_with_pauses(
    calendar: WorkingCalendar, start: datetime, term: Term, pauses: Sequence[Pause]
) -> tuple[datetime, list[Reason]]:
    cursor, left, found = start, term.amount, []
    for pause in pauses:
        if pause.resumed_at <= cursor or left == 0:
            continue
        due, _ = _due(calendar, cursor, Term(left, term.unit))
        if pause.paused_at >= due:
            break
        completed = _days_completed(calendar, cursor, term.unit, left, pause.paused_at)
        if completed:
            found += _due(calendar, cursor, Term(completed, term.unit))[1]
        found.append(reasons.pause(pause.paused_at, pause.resumed_at))
        left -= completed
        cursor = pause.resumed_at
    if left == 0 and term.amount > 0:
        # Only a calendar-day term can get here: all its days passed, but its last day was
        # not a working day, and the pause began before the moved end. The term is over;
        # it ends at 18:30 of the resume day, or of the next working day.
        due, rest = close_of_working_day(calendar, cursor)
        return due, found + rest
    due, rest = _due(calendar, cursor, Term(left, term.unit))
    return due, found + rest


def _days_completed(
    calendar: WorkingCalendar, cursor: datetime, unit: Unit, limit: int, stopped: datetime
) -> int:
    """Counted days after ``cursor``'s date completed (past their 18:30) by ``stopped``."""
    completed, day = 0, cursor.date() + _ONE_DAY
    while completed < limit and at(day, CLOSE) <= stopped:
        if unit is Unit.CALENDAR_DAYS or calendar.is_working(day):
            completed += 1
        day += _ONE_DAY
    return completed


# --- helpers ---------------------------------------------------------------------------------


def _why_not_working(calendar: WorkingCalendar, day: date) -> Reason:
    reason = calendar.day(day).reason
    if reason is None:  # pragma: no cover - a non-working day always has a reason
        raise RuntimeError(f"{day} is not a working day but has no reason")
    return reason


def _decree_note(calendar: WorkingCalendar, day: date) -> list[Reason]:
    """A weekend day worked by decree is worth a reason: it explains why a Saturday counted."""
    classified = calendar.day(day)
    if classified.kind is DayKind.DECREE_WORKING_DAY and classified.reason is not None:
        return [classified.reason]
    return []


def _skipped_days(calendar: WorkingCalendar, first: date, last: date) -> list[Reason]:
    return [_why_not_working(calendar, d.date) for d in calendar.non_working_between(first, last)]
