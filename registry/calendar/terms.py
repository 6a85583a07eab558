"""Terms: an amount and a unit, as the regulations write them ("2 working-days").

A term is written ``"N UNIT"`` with N a non-negative integer and UNIT one of
``working-minutes``, ``working-hours``, ``working-days``, ``calendar-days``; the singular
(``1 working-day``) and any letter case are accepted. :meth:`Term.__str__` gives the canonical
(plural) spelling, which is what results carry.
"""

from __future__ import annotations

import enum
import re

import msgspec

from registry.calendar.errors import InvalidTermError


class Unit(enum.StrEnum):
    """How a term runs (SERVICES.md, "How terms are counted", rules 3–5)."""

    WORKING_MINUTES = "working-minutes"
    WORKING_HOURS = "working-hours"
    WORKING_DAYS = "working-days"
    CALENDAR_DAYS = "calendar-days"

    @property
    def is_working_time(self) -> bool:
        """Minutes and hours run inside working time; days run over whole days."""
        return self in (Unit.WORKING_MINUTES, Unit.WORKING_HOURS)


# Ceilings of about ten years per unit: a longer term is a typo, and refusing it keeps every
# computation short (they cost O(days in the term)).
MAX_AMOUNT: dict[Unit, int] = {
    Unit.WORKING_MINUTES: 1_200_000,
    Unit.WORKING_HOURS: 20_000,
    Unit.WORKING_DAYS: 2_500,
    Unit.CALENDAR_DAYS: 3_660,
}

_UNITS: dict[str, Unit] = {unit.value: unit for unit in Unit} | {
    unit.value.removesuffix("s"): unit for unit in Unit
}
_TERM = re.compile(r"^\s*(\d{1,9})\s+([a-z-]+)\s*$")


class Term(msgspec.Struct, frozen=True):
    """``amount`` units; ``amount`` may be 0 (the due time is then the start itself)."""

    amount: int
    unit: Unit

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.value}"

    @property
    def minutes(self) -> int:
        """Working minutes in a working-time term (hours are 60 working minutes each)."""
        if self.unit is Unit.WORKING_HOURS:
            return self.amount * 60
        if self.unit is Unit.WORKING_MINUTES:
            return self.amount
        raise ValueError(f"{self} is not a working-time term")

    def __add__(self, other: Term) -> Term:
        """Sum of two terms of the same unit (used to state additivity of terms)."""
        if not isinstance(other, Term):
            return NotImplemented
        if other.unit is not self.unit:
            raise ValueError(f"cannot add {other} to {self}")
        return Term(self.amount + other.amount, self.unit)


def parse_term(text: str) -> Term:
    """Parse ``"N UNIT"``; raises :class:`InvalidTermError` with a message fit for a user."""
    match = _TERM.match(text.lower())
    unit = _UNITS.get(match.group(2)) if match else None
    if match is None or unit is None:
        units = ", ".join(unit.value for unit in Unit)
        raise InvalidTermError(f"invalid term {text!r}: expected 'N UNIT' with UNIT one of {units}")
    amount = int(match.group(1))
    if amount > MAX_AMOUNT[unit]:
        raise InvalidTermError(f"invalid term {text!r}: at most {MAX_AMOUNT[unit]} {unit.value}")
    return Term(amount, unit)
