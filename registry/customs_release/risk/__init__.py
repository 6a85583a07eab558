"""Risk management (СУР / ТБЖ): ASYCUDA-style selectivity of a corridor for a declaration.

Public API (the release flow calls these): :func:`select_corridor`, :func:`record_selection`,
:func:`reroute`, :func:`current_selection` and :class:`Selection`.
"""

from registry.customs_release.risk.model import CORRIDORS, FORMS_OF_CONTROL, Selection
from registry.customs_release.risk.selection import (
    current_selection,
    record_selection,
    reroute,
    select_corridor,
)

__all__ = [
    "CORRIDORS",
    "FORMS_OF_CONTROL",
    "Selection",
    "current_selection",
    "record_selection",
    "reroute",
    "select_corridor",
]
