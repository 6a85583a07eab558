"""One time format in what partners read: UTC with ``Z``.

Event data holds moments written with ``isoformat()`` over the years, some in UTC
(``+00:00``), some in Almaty's local time (``+05:00``); the columns leave msgspec as ``Z``. A
client should not need three parsers for one response, so every moment in an event's data is
given in UTC with ``Z`` on the way out (dates and other text are left alone).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

# A full ISO 8601 moment with an explicit offset (a date alone, or a naive time, is no moment).
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$")


def utc_z(value: str) -> str:
    """``value`` in UTC with ``Z`` when it is a moment with an offset, else as it is."""
    if _MOMENT.match(value) is None:
        return value
    moment = datetime.fromisoformat(value).astimezone(UTC)
    return moment.isoformat().replace("+00:00", "Z")


def utc_moments(data: Any) -> Any:
    """``data`` (JSON values) with every moment in it as :func:`utc_z` writes it."""
    if isinstance(data, str):
        return utc_z(data)
    if isinstance(data, dict):
        return {key: utc_moments(value) for key, value in data.items()}
    if isinstance(data, list):
        return [utc_moments(value) for value in data]
    return data
