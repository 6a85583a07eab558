"""Errors of the calendar, each with a stable machine-readable ``code``.

Each one is bad input (a domain error of kind malformed or invalid); the CLI prints the message
and exits 2, the calendar endpoints turn it into a validation problem whose ``errors`` entry
names the query parameter and carries ``code``.
"""

from __future__ import annotations

from registry.calendar.reasons import Texts
from registry.errors import DomainError, Kind


class CalendarError(DomainError):
    """Base class; ``code`` is a contract (add new codes, never rename)."""

    code = "calendar_error"
    kind = Kind.INVALID


class InvalidTermError(CalendarError):
    """A term string is not ``"N UNIT"`` with a known unit and a non-negative integer N."""

    code = "invalid_term"
    kind = Kind.MALFORMED


class TermTooLongError(InvalidTermError):
    """A well-formed term longer than the calendar accepts; ``bound`` says the ceiling.

    Same ``code`` as any bad term (codes are a contract); the ceiling is stated to the user in
    kk, ru and en (``bound``), since the term is right in form and only its size is refused.
    """

    kind = Kind.INVALID

    def __init__(self, message: str, bound: Texts, maximum: str) -> None:
        super().__init__(message)
        self.bound = bound
        self.maximum = maximum


class InvalidTimeError(CalendarError):
    """A moment is not an ISO 8601 date-time (or date)."""

    code = "invalid_time"
    kind = Kind.MALFORMED


class InvalidPauseError(CalendarError):
    """A pause ends before it starts, or pauses overlap."""

    code = "invalid_pause"


class InvalidTransferError(CalendarError):
    """A decree transfer would change nothing (e.g. ``--off`` on a day already off)."""

    code = "invalid_transfer"
