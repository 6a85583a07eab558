"""Who decides which complaints (regulation 004): each instance its own.

A complaint addressed to the provider is decided by the provider's heads and unit heads; one
addressed to the authorised quality-control body by that body's officers (role
``authority``). An officer never sees a level they do not decide: to them such a complaint
does not exist (``complaint_not_found``), as another unit's complaint. Signers send the
decisions of both levels to signing (a decision is signed as any result) and see both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sqlalchemy import ColumnElement

from registry.complaints.terms import Level
from registry.models import Complaint
from registry.officers.scope import ScopedOfficer

DECIDERS: dict[Level, tuple[str, ...]] = {
    "provider": ("head", "unit_head"),
    "authority": ("authority",),
}
SIGNER = "signer"


class ComplaintOfficer(ScopedOfficer, Protocol):
    """An officer with the scope of their account and the role that says which levels."""

    @property
    def role(self) -> str: ...


def visible_levels(role: str) -> tuple[Level, ...]:
    """The complaint levels an officer of ``role`` reads (and, but for signers, decides)."""
    if role == SIGNER:
        return tuple(DECIDERS)
    return tuple(level for level, roles in DECIDERS.items() if role in roles)


def sees(role: str, level: str) -> bool:
    return level in visible_levels(role)


def level_clause(role: str) -> ColumnElement[bool]:
    """The SQL form of :func:`sees` over the complaints table."""
    levels: Sequence[str] = visible_levels(role)
    return Complaint.level.in_(list(levels))
