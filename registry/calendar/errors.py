"""Errors of the calendar, each with a stable machine-readable ``code``.

They subclass ``ValueError`` because each one is bad input; the CLI prints the message and exits
2, the HTTP layer turns it into a validation problem carrying ``code``.
"""

from __future__ import annotations


class CalendarError(ValueError):
    """Base class; ``code`` is a contract (add new codes, never rename)."""

    code = "calendar_error"


class InvalidTermError(CalendarError):
    """A term string is not ``"N UNIT"`` with a known unit and a non-negative integer N."""

    code = "invalid_term"


class InvalidTimeError(CalendarError):
    """A moment is not an ISO 8601 date-time (or date)."""

    code = "invalid_time"


class InvalidPauseError(CalendarError):
    """A pause ends before it starts, or pauses overlap."""

    code = "invalid_pause"


class InvalidTransferError(CalendarError):
    """A decree transfer would change nothing (e.g. ``--off`` on a day already off)."""

    code = "invalid_transfer"
