"""The yearly look at the calendar: the package's holidays next to the decree transfers.

``qaqpa calendar check-year YYYY`` prints it. The government publishes the next year's decree
transfers in the autumn, so from 1 December of YYYY on, a next year without a single recorded
transfer is worth a warning: either the decree was not entered, or there really is none (as in
2026) and the operator can say so by looking.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import msgspec

from registry.calendar.holidays_kz import Holiday, statutory_holidays
from registry.calendar.transfers import Transfer

# From this day of a year on, the next year's transfers are expected to be known.
EXPECTED_BY = (12, 1)


class YearHoliday(msgspec.Struct, frozen=True, kw_only=True):
    date: date
    holiday: Holiday


class YearCheck(msgspec.Struct, frozen=True, kw_only=True):
    """The year's holidays (the ``holidays`` package) and its stored decree transfers."""

    year: int
    holidays: list[YearHoliday]
    transfers: list[Transfer]
    next_year_transfers: int
    warnings: list[str]


def check_year(year: int, transfers: Sequence[Transfer], today: date) -> YearCheck:
    """What ``check-year`` reports for ``year`` on ``today`` (``transfers``: the whole table)."""
    holidays = [
        YearHoliday(date=day, holiday=holiday)
        for day, holiday in sorted(statutory_holidays(year).items())
    ]
    following = sum(1 for transfer in transfers if transfer.date.year == year + 1)
    warnings: list[str] = []
    if following == 0 and today >= date(year, *EXPECTED_BY):
        warnings.append(
            f"no decree transfer is recorded for {year + 1}; the decree usually comes in the "
            f"autumn: check adilet.zan.kz and add it with 'qaqpa calendar transfers add'"
        )
    return YearCheck(
        year=year,
        holidays=holidays,
        transfers=[transfer for transfer in transfers if transfer.date.year == year],
        next_year_transfers=following,
        warnings=warnings,
    )
