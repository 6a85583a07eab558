"""Day classification: is a date a working day, and if not (or unusually so), why.

Precedence, strongest first: a decree transfer (the operators' table), then a public holiday
or its carry-over (the ``holidays`` package), then the weekend. A :class:`WorkingCalendar` is
immutable for a given set of transfers; it keeps, per year, the few dates that differ from
"Monday–Friday works" (about 15 a year), built on first use. Classifying a date is then a dict
look-up and a weekday test, so a due time costs O(days in the term).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, timedelta

import msgspec

from registry.calendar import reasons
from registry.calendar.holidays_kz import statutory_holidays
from registry.calendar.reasons import Reason
from registry.calendar.transfers import Transfer, TransferKind

# Longest run of consecutive non-working days we accept before calling the data broken.
_MAX_GAP_DAYS = 60
_ONE_DAY = timedelta(days=1)


class DayKind(enum.StrEnum):
    WORKING = "working"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    HOLIDAY_CARRIED_OVER = "holiday_carried_over"
    DECREE_DAY_OFF = "decree_day_off"
    DECREE_WORKING_DAY = "decree_working_day"


class Day(msgspec.Struct, frozen=True, kw_only=True):
    """A date, whether it is a working day, and the reason when it is not an ordinary weekday."""

    date: date
    kind: DayKind
    working: bool
    reason: Reason | None = None


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


class WorkingCalendar:
    """Working days of a provider in Kazakhstan, given the decree transfers in force."""

    def __init__(self, transfers: Iterable[Transfer] = ()) -> None:
        self._transfers: dict[date, Transfer] = {t.date: t for t in transfers}
        self._years: dict[int, dict[date, Day]] = {}
        # year_days answers, kept because the public /v1/calendar/days asks for them again and
        # again; bounded by the years the callers accept (clock.MIN_YEAR..MAX_YEAR).
        self._year_lists: dict[int, tuple[Day, ...]] = {}

    @property
    def transfers(self) -> tuple[Transfer, ...]:
        """The decree transfers this calendar applies, by date."""
        return tuple(self._transfers[day] for day in sorted(self._transfers))

    def day(self, day: date) -> Day:
        """Classify ``day``."""
        special = self._year(day.year).get(day)
        if special is not None:
            return special
        if is_weekend(day):
            return Day(date=day, kind=DayKind.WEEKEND, working=False, reason=reasons.weekend(day))
        return Day(date=day, kind=DayKind.WORKING, working=True)

    def is_working(self, day: date) -> bool:
        special = self._year(day.year).get(day)
        return special.working if special is not None else not is_weekend(day)

    def working_without_transfers(self, day: date) -> bool:
        """Whether ``day`` would be a working day by weekends and holidays alone."""
        return not is_weekend(day) and day not in statutory_holidays(day.year)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        candidate = day + _ONE_DAY
        for _ in range(_MAX_GAP_DAYS):
            if self.is_working(candidate):
                return candidate
            candidate += _ONE_DAY
        raise RuntimeError(f"no working day within {_MAX_GAP_DAYS} days after {day}")

    def non_working_between(self, first: date, last: date) -> list[Day]:
        """Every non-working day from ``first`` to ``last`` inclusive, in order."""
        days: list[Day] = []
        day = first
        while day <= last:
            if not self.is_working(day):
                days.append(self.day(day))
            day += _ONE_DAY
        return days

    def year_days(self, year: int) -> list[Day]:
        """The non-working days of ``year`` and its working weekend days, in date order."""
        cached = self._year_lists.get(year)
        if cached is None:
            cached = self._year_lists[year] = tuple(self._classify_year(year))
        return list(cached)

    def _classify_year(self, year: int) -> list[Day]:
        day, days = date(year, 1, 1), []
        while day.year == year:
            classified = self.day(day)
            if classified.kind is not DayKind.WORKING:
                days.append(classified)
            day += _ONE_DAY
        return days

    def _year(self, year: int) -> dict[date, Day]:
        table = self._years.get(year)
        if table is None:
            table = self._years[year] = self._build_year(year)
        return table

    def _build_year(self, year: int) -> dict[date, Day]:
        table: dict[date, Day] = {}
        for day, holiday in statutory_holidays(year).items():
            if holiday.carried_over:
                kind, reason = DayKind.HOLIDAY_CARRIED_OVER, reasons.holiday_carried_over
            else:
                kind, reason = DayKind.HOLIDAY, reasons.holiday
            table[day] = Day(date=day, kind=kind, working=False, reason=reason(day, holiday.name))
        for day, transfer in self._transfers.items():
            if day.year != year:
                continue
            if transfer.kind is TransferKind.OFF:
                table[day] = Day(
                    date=day,
                    kind=DayKind.DECREE_DAY_OFF,
                    working=False,
                    reason=reasons.decree_day_off(day, transfer.decree),
                )
            else:
                table[day] = Day(
                    date=day,
                    kind=DayKind.DECREE_WORKING_DAY,
                    working=True,
                    reason=reasons.decree_working_day(day, transfer.decree),
                )
        return table
