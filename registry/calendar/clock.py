"""The provider's clock: the time zone and the working hours every term is counted in.

Time zone. The regulations count in Asia/Almaty time, UTC+5 (docs/SERVICES.md rule 1).
Kazakhstan moved to a single zone, UTC+5, on 2024-03-01; before that Almaty's legal offset was
UTC+6. We follow the specification and count in a *fixed* UTC+5 offset throughout, including
dates before 2024-03-01 (so a moment given as ``2024-01-15T09:00+06:00`` is 08:00 here). A
fixed offset also means no dependency on the host's tz database. Inputs with any offset (or
``Z``) are converted to UTC+5; naive inputs are taken to be UTC+5 already; outputs carry
``+05:00``.

Working hours (004 annex 1 line 7): Monday–Friday 09:00–18:30 with lunch 13:00–14:30, i.e.
two periods of 4 h, 480 working minutes a day. Registration takes applications that arrive up
to 17:00 (``CUTOFF``); later ones count from the next working day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Final

from registry.calendar.errors import InvalidTimeError

KZ_TZ: Final = timezone(timedelta(hours=5), "UTC+05:00")

OPEN: Final = time(9, 0)
LUNCH_START: Final = time(13, 0)
LUNCH_END: Final = time(14, 30)
CLOSE: Final = time(18, 30)
CUTOFF: Final = time(17, 0)

# The two working periods of a working day, in order.
PERIODS: Final = ((OPEN, LUNCH_START), (LUNCH_END, CLOSE))
MINUTES_PER_DAY: Final = 480

# The years we answer for: the ``holidays`` package knows Kazakhstan from 1991; beyond 2100
# nobody has a use for a regulatory due time.
MIN_YEAR: Final = 1991
MAX_YEAR: Final = 2100


def at(day: date, clock: time) -> datetime:
    """``day`` at ``clock`` in UTC+5."""
    return datetime.combine(day, clock, KZ_TZ)


def to_local(moment: datetime) -> datetime:
    """``moment`` expressed in UTC+5 (a naive moment is taken to be UTC+5 already)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=KZ_TZ)
    return moment.astimezone(KZ_TZ)


def parse_moment(text: str) -> datetime:
    """Parse ISO 8601 (``2024-05-06T10:00``, ``...+05:00``, ``...Z``, or a bare date = 00:00).

    Raises :class:`InvalidTimeError` with a message fit to show to a user.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidTimeError(
            f"invalid time {text!r}: expected ISO 8601, e.g. 2025-01-06T10:00:00+05:00"
        ) from None
    local = to_local(moment)
    if not MIN_YEAR <= local.year <= MAX_YEAR:
        raise InvalidTimeError(f"invalid time {text!r}: years {MIN_YEAR}-{MAX_YEAR} only")
    return local
