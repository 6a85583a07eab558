"""Day classification: the holidays package as used, carry-overs, decree transfers, precedence."""

from __future__ import annotations

from datetime import date

import pytest

from registry.calendar.days import DayKind, WorkingCalendar
from registry.calendar.holidays_kz import RU_NAMES, statutory_holidays
from registry.calendar.reasons import Code
from registry.calendar.results import year_days
from registry.calendar.transfers import SEEDED_TRANSFERS, Transfer, TransferKind

CALENDAR = WorkingCalendar(SEEDED_TRANSFERS)


def test_the_package_decree_transfers_are_stripped() -> None:
    # The package lists 8 May 2024 and 3 Jan 2025 as "substituted" days off; those come
    # from our own table, so without transfers they are ordinary weekdays.
    bare = WorkingCalendar()
    assert bare.is_working(date(2024, 5, 8))
    assert bare.is_working(date(2025, 1, 3))
    assert date(2024, 5, 8) not in statutory_holidays(2024)
    assert not bare.is_working(date(2024, 5, 4))  # Saturday, no decree without the table


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        (date(2024, 5, 4), DayKind.DECREE_WORKING_DAY),  # Saturday worked by decree
        (date(2024, 5, 8), DayKind.DECREE_DAY_OFF),
        (date(2025, 1, 3), DayKind.DECREE_DAY_OFF),
        (date(2025, 1, 5), DayKind.DECREE_WORKING_DAY),  # Sunday worked by decree
        (date(2024, 3, 23), DayKind.HOLIDAY),  # Nauryz on a Saturday is a holiday first
        (date(2024, 3, 25), DayKind.HOLIDAY_CARRIED_OVER),
        (date(2024, 1, 7), DayKind.HOLIDAY),  # Christmas on a Sunday...
        (date(2024, 1, 8), DayKind.WORKING),  # ...is not carried over
        (date(2024, 6, 16), DayKind.HOLIDAY),  # Kurban Ait on a Sunday...
        (date(2024, 6, 17), DayKind.WORKING),  # ...is not carried over
        (date(2025, 9, 1), DayKind.HOLIDAY_CARRIED_OVER),  # Constitution Day from Sat 30 Aug
        (date(2026, 8, 31), DayKind.WORKING),  # no Constitution Day in 2026
        (date(2024, 2, 29), DayKind.WORKING),  # leap day, a Thursday
        (date(2024, 2, 17), DayKind.WEEKEND),
    ],
)
def test_classification(day: date, kind: DayKind) -> None:
    classified = CALENDAR.day(day)
    assert classified.kind is kind
    assert classified.working is (kind in (DayKind.WORKING, DayKind.DECREE_WORKING_DAY))
    assert (classified.reason is None) is (kind is DayKind.WORKING)


def test_every_non_working_day_of_2025_is_listed_once_with_its_reason() -> None:
    result = year_days(CALENDAR, 2025)
    listed = [entry.date for entry in result.days]
    assert listed == sorted(set(listed))
    off = [entry for entry in result.days if not entry.working]
    # 2025 starts on a Wednesday: 52 weeks + 1 day, 104 weekend days, one of them (Sun 5 Jan)
    # worked. Holiday days off on weekdays, own or carried: 1, 2, 7 Jan; 10, 21, 24, 25 Mar;
    # 1, 7, 9 May; 6 Jun; 7 Jul; 1 Sep; 27 Oct; 16 Dec = 15. Plus the decree day off 3 Jan.
    assert len(off) == 104 - 1 + 15 + 1
    worked = [entry.date for entry in result.days if entry.working]
    assert worked == [date(2025, 1, 5)]
    assert all(len(entry.reasons) == 1 for entry in result.days)


def test_holiday_names_come_in_three_languages() -> None:
    reason = CALENDAR.day(date(2025, 3, 21)).reason
    assert reason is not None
    assert reason.code is Code.HOLIDAY
    assert "Наурыз мейрамы" in reason.text.kk
    assert "Наурыз мейрамы" in reason.text.ru
    assert "Nowruz" in reason.text.en


def test_every_holiday_name_has_a_russian_translation() -> None:
    # A new holiday in the package would otherwise show its English name in Russian texts.
    for year in range(2015, 2036):
        for holiday in statutory_holidays(year).values():
            for part in holiday.name.en.split("; "):
                base = part.split(" (")[0]
                assert base in RU_NAMES, (year, part)


def test_next_working_day_crosses_the_year() -> None:
    assert CALENDAR.next_working_day(date(2025, 12, 31)) == date(2026, 1, 5)
    assert CALENDAR.next_working_day(date(2024, 12, 31)) == date(2025, 1, 5)


def test_transfers_override_the_package() -> None:
    made_up = Transfer(date=date(2026, 12, 18), kind=TransferKind.OFF, decree="test decree")
    calendar = WorkingCalendar([made_up])
    assert not calendar.is_working(date(2026, 12, 18))
    reason = calendar.day(date(2026, 12, 18)).reason
    assert reason is not None and "test decree" in reason.text.en
    # The calendar it was derived from is unchanged: calendars are immutable.
    assert CALENDAR.is_working(date(2026, 12, 18))


def test_year_days_are_kept_and_a_caller_cannot_change_them() -> None:
    calendar = WorkingCalendar(SEEDED_TRANSFERS)
    first = calendar.year_days(2025)
    first.clear()
    assert calendar.year_days(2025) == WorkingCalendar(SEEDED_TRANSFERS).year_days(2025) != []
