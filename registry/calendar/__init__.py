"""The regulatory working-time calendar: terms counted as docs/SERVICES.md says.

The pure core (no I/O) is re-exported here: classify days (:class:`WorkingCalendar`), parse
terms and moments, compute receipt and due times with their reasons. The counting rules and
the choices made where the text leaves room are in :mod:`registry.calendar.arithmetic`; the
time zone in :mod:`registry.calendar.clock`; holidays in :mod:`registry.calendar.holidays_kz`;
decree transfers in :mod:`registry.calendar.transfers` (data) and
:mod:`registry.calendar.store` (PostgreSQL, not imported here).
"""

from registry.calendar.arithmetic import (
    add_term,
    close_of_working_day,
    receipt,
    working_time_between,
)
from registry.calendar.clock import KZ_TZ, parse_moment, to_local
from registry.calendar.current import current_calendar, use_calendar
from registry.calendar.days import Day, DayKind, WorkingCalendar
from registry.calendar.errors import (
    CalendarError,
    InvalidPauseError,
    InvalidTermError,
    InvalidTimeError,
    InvalidTransferError,
    TermTooLongError,
)
from registry.calendar.reasons import Code, Reason, Texts
from registry.calendar.registration import RegistrationTimes, registration_times
from registry.calendar.results import CalendarDay, Due, Pause, Receipt, YearDays, year_days
from registry.calendar.terms import Term, Unit, parse_term
from registry.calendar.transfers import SEEDED_TRANSFERS, Transfer, TransferKind

__all__ = [
    "KZ_TZ",
    "SEEDED_TRANSFERS",
    "CalendarDay",
    "CalendarError",
    "Code",
    "Day",
    "DayKind",
    "Due",
    "InvalidPauseError",
    "InvalidTermError",
    "InvalidTimeError",
    "InvalidTransferError",
    "Pause",
    "Reason",
    "Receipt",
    "RegistrationTimes",
    "Term",
    "TermTooLongError",
    "Texts",
    "Transfer",
    "TransferKind",
    "Unit",
    "WorkingCalendar",
    "YearDays",
    "add_term",
    "close_of_working_day",
    "current_calendar",
    "parse_moment",
    "parse_term",
    "receipt",
    "registration_times",
    "to_local",
    "use_calendar",
    "working_time_between",
    "year_days",
]
