"""What the calendar answers: msgspec Structs whose JSON is the contract other tools rely on.

Field order is the contract's key order; times encode as ISO 8601 with ``+05:00``.
"""

from __future__ import annotations

from datetime import date, datetime

import msgspec

from registry.calendar.days import DayKind, WorkingCalendar
from registry.calendar.reasons import Reason


class Receipt(msgspec.Struct, frozen=True, kw_only=True):
    """When an application arriving at ``received_at`` counts as received, and why."""

    received_at: datetime
    counts_from: datetime
    reasons: list[Reason]


class Due(msgspec.Struct, frozen=True, kw_only=True):
    """The due time of ``term`` started at ``from``, with what was skipped and why."""

    from_: datetime = msgspec.field(name="from")
    term: str
    due: datetime
    reasons: list[Reason]


class Pause(msgspec.Struct, frozen=True, kw_only=True):
    """The clock stood still from ``paused_at`` to ``resumed_at``."""

    paused_at: datetime
    resumed_at: datetime


class CalendarDay(msgspec.Struct, frozen=True, kw_only=True):
    """A day that is not an ordinary working weekday: a day off, or a weekend day worked."""

    date: date
    working: bool
    kind: DayKind
    reasons: list[Reason]


class YearDays(msgspec.Struct, frozen=True, kw_only=True):
    """The non-working days of ``year`` and its working weekend days, in date order."""

    year: int
    days: list[CalendarDay]


def year_days(calendar: WorkingCalendar, year: int) -> YearDays:
    """The non-working days of ``year`` and its working weekend days, each with its reason."""
    days = [
        CalendarDay(
            date=day.date,
            working=day.working,
            kind=day.kind,
            reasons=[day.reason] if day.reason is not None else [],
        )
        for day in calendar.year_days(year)
    ]
    return YearDays(year=year, days=days)
