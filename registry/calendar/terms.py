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

from registry.calendar.errors import InvalidTermError, TermTooLongError
from registry.calendar.reasons import Texts


class Unit(enum.StrEnum):
    """How a term runs (docs/SERVICES.md, "How terms are counted", rules 3–5)."""

    WORKING_MINUTES = "working-minutes"
    WORKING_HOURS = "working-hours"
    WORKING_DAYS = "working-days"
    CALENDAR_DAYS = "calendar-days"

    @property
    def is_working_time(self) -> bool:
        """Minutes and hours run inside working time; days run over whole days."""
        return self in (Unit.WORKING_MINUTES, Unit.WORKING_HOURS)


# Ceilings per unit. The regulations' longest terms (the catalogue, docs/SERVICES.md) are 7 working
# hours (a step), 30 working days (S8's total term; complaints 15) and 6 calendar days (precious
# metals review). The ceilings keep a wide margin over those and still bound the work: the
# arithmetic walks the term day by day and states a reason per skipped day (and, for working
# time, per lunch and evening), so a public request costs O(days in the term). Ten working days
# of working time, about three months of working days and a year of calendar days (counted in
# constant time) each compute in a fraction of a millisecond.
MAX_AMOUNT: dict[Unit, int] = {
    Unit.WORKING_MINUTES: 4_800,
    Unit.WORKING_HOURS: 80,
    Unit.WORKING_DAYS: 60,
    Unit.CALENDAR_DAYS: 366,
}

# A unit as "at most N ..." takes it in each language's grammar: Kazakh the ablative, Russian
# the genitive plural (which every ceiling above takes in Russian).
_UNIT_WORDS: dict[Unit, Texts] = {
    Unit.WORKING_MINUTES: Texts(kk="жұмыс минутынан", ru="рабочих минут", en="working minutes"),
    Unit.WORKING_HOURS: Texts(kk="жұмыс сағатынан", ru="рабочих часов", en="working hours"),
    Unit.WORKING_DAYS: Texts(kk="жұмыс күнінен", ru="рабочих дней", en="working days"),
    Unit.CALENDAR_DAYS: Texts(kk="күнтізбелік күннен", ru="календарных дней", en="calendar days"),
}


def _bound(unit: Unit) -> Texts:
    """The ceiling of ``unit`` stated in kk/ru/en, with the term syntax to write it in."""
    words, n = _UNIT_WORDS[unit], MAX_AMOUNT[unit]
    spelled = f"({n} {unit.value})"
    return Texts(
        kk=f"Мерзім {n} {words.kk} аспауы тиіс {spelled}",
        ru=f"Срок не может превышать {n} {words.ru} {spelled}",
        en=f"The term may be at most {n} {words.en} {spelled}",
    )


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
    """Parse ``"N UNIT"``; raises :class:`InvalidTermError` with a message fit for a user.

    A term over its unit's ceiling (:data:`MAX_AMOUNT`) raises :class:`TermTooLongError`.
    """
    match = _TERM.match(text.lower())
    unit = _UNITS.get(match.group(2)) if match else None
    if match is None or unit is None:
        units = ", ".join(unit.value for unit in Unit)
        raise InvalidTermError(f"invalid term {text!r}: expected 'N UNIT' with UNIT one of {units}")
    amount = int(match.group(1))
    if amount > MAX_AMOUNT[unit]:
        maximum = f"{MAX_AMOUNT[unit]} {unit.value}"
        raise TermTooLongError(
            f"invalid term {text!r}: at most {maximum}", bound=_bound(unit), maximum=maximum
        )
    return Term(amount, unit)
