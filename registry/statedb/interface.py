"""The state-database adapter: the one way workflows learn whether an applicant exists.

Production talks to the state databases over the government's integration bus; local runs and
tests use :class:`registry.statedb.postgres.PostgresStateDatabase`. Workflows depend on this
Protocol only, so swapping the implementation touches no workflow code.
"""

from __future__ import annotations

from typing import Protocol

from registry.statedb.model import LegalEntity, Person


class StateDatabase(Protocol):
    """Look-ups by IIN and BIN; each returns the record as registered, whatever its status.

    The records are faithful: a liquidated entity comes back with ``status="liquidated"`` and
    a deceased person with ``status="deceased"``. For a service, though, a liquidated entity
    (or a deceased person) counts as **not found**: it cannot be an applicant. Use
    :func:`registry.statedb.applicant.find_applicant`, which applies that rule, to decide the
    ``applicant_not_found`` refusal.
    """

    async def find_person(self, iin: str) -> Person | None:
        """The person with this IIN, or None when the state database has none."""
        ...

    async def find_legal_entity(self, bin: str) -> LegalEntity | None:
        """The legal entity with this BIN, or None when the state database has none."""
        ...
