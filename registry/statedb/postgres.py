"""The state databases as two PostgreSQL tables (``state_persons``, ``state_legal_entities``).

For local runs and tests; an operator fills them with ``qaqpa statedb add-person/add-entity``
and ``qaqpa statedb seed`` loads the test PKI's identities. Each look-up opens its own short
session, as a call to a remote state database would be outside the caller's transaction.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import StateLegalEntity, StatePerson
from registry.statedb.model import LegalEntity, Person
from registry.statedb.records import entity_from_row, person_from_row


class PostgresStateDatabase:
    """:class:`registry.statedb.StateDatabase` over the local tables.

    Like every implementation, it returns liquidated entities and deceased persons as they
    are; for a service they count as not found (see :func:`registry.statedb.find_applicant`).
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def find_person(self, iin: str) -> Person | None:
        async with self._sessions() as session:
            row = await session.get(StatePerson, iin)
        return None if row is None else person_from_row(row)

    async def find_legal_entity(self, bin: str) -> LegalEntity | None:
        async with self._sessions() as session:
            row = await session.get(StateLegalEntity, bin)
        return None if row is None else entity_from_row(row)
