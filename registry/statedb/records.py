"""Rows of the local tables to and from the adapter's Structs (adds replace, keyed by number)."""

from __future__ import annotations

import msgspec
from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import StateLegalEntity, StatePerson
from registry.statedb.model import LegalEntity, Person


def person_from_row(row: StatePerson) -> Person:
    return msgspec.convert(row, Person, from_attributes=True)


def entity_from_row(row: StateLegalEntity) -> LegalEntity:
    return msgspec.convert(row, LegalEntity, from_attributes=True)


async def put_person(session: AsyncSession, person: Person) -> None:
    """Add the person, or replace what the table holds under the same IIN."""
    await _put(session, StatePerson, "iin", person)


async def put_entity(session: AsyncSession, entity: LegalEntity) -> None:
    """Add the legal entity, or replace what the table holds under the same BIN."""
    await _put(session, StateLegalEntity, "bin", entity)


async def _put(
    session: AsyncSession,
    table: type[StatePerson | StateLegalEntity],
    key: str,
    record: Person | LegalEntity,
) -> None:
    values = msgspec.to_builtins(record)
    await session.execute(
        insert(table)
        .values(values)
        .on_conflict_do_update(
            index_elements=[getattr(table, key)],
            set_={**{k: v for k, v in values.items() if k != key}, "updated_at": func.now()},
        )
    )
