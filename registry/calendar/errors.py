"""Errors of the calendar, each with a stable machine-readable ``code``.

They subclass ``ValueError`` because each one is bad input; the CLI prints the message and exits
2, the HTTP layer turns it into a validation problem carrying ``code``.
"""

from __future__ import annotations

from registry.calendar.reasons import Texts


class CalendarError(ValueError):
    """Base class; ``code`` is a contract (add new codes, never rename)."""

    code = "calendar_error"


class InvalidTermError(CalendarError):
    """A term string is not ``"N UNIT"`` with a known unit and a non-negative integer N."""

    code = "invalid_term"


class TermTooLongError(InvalidTermError):
    """A well-formed term longer than the calendar accepts; ``bound`` says the ceiling.

    Same ``code`` as any bad term (codes are a contract); the ceiling is stated to the user in
    kk, ru and en (``bound``), since the term is right in form and only its size is refused.
    """

    def __init__(self, message: str, bound: Texts, maximum: str) -> None:
        super().__init__(message)
        self.bound = bound
        self.maximum = maximum


class InvalidTimeError(CalendarError):
    """A moment is not an ISO 8601 date-time (or date)."""

    code = "invalid_time"


class InvalidPauseError(CalendarError):
    """A pause ends before it starts, or pauses overlap."""

    code = "invalid_pause"


class InvalidTransferError(CalendarError):
    """A decree transfer would change nothing (e.g. ``--off`` on a day already off)."""

    code = "invalid_transfer"
