"""The process-wide calendar: the decree transfers this process counts with.

A process starts with the seeded transfers (:data:`SEEDED_TRANSFERS`) so that pure code and a
machine without a database still count correctly; :func:`registry.calendar.store.load_calendar`
replaces them with the database's table once at start-up, and again after an operator's
change. Swapping the whole (immutable) :class:`WorkingCalendar` keeps readers consistent: a
computation that took the calendar keeps using it to the end.
"""

from __future__ import annotations

from registry.calendar.days import WorkingCalendar
from registry.calendar.transfers import SEEDED_TRANSFERS

_calendar = WorkingCalendar(SEEDED_TRANSFERS)


def current_calendar() -> WorkingCalendar:
    """The calendar every due time of this process is computed with."""
    return _calendar


def use_calendar(calendar: WorkingCalendar) -> None:
    """Make ``calendar`` the process-wide one (after loading or changing transfers)."""
    global _calendar  # noqa: PLW0603 - one swap point is the design (see module docstring)
    _calendar = calendar
