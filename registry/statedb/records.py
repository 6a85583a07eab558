"""Rows of the local tables to and from the adapter's Structs (adds replace, keyed by number)."""

from __future__ import annotations

import msgspec
from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import StateLegalEntity, StatePerson
from registry.statedb.model import LegalEntity, Person


def person_from_row(row: StatePerson) -> Person:
    fields = {"iin": row.iin, "name": row.name, "registered_address": row.registered_address}
    return msgspec.convert({**fields, "status": row.status}, Person)


def entity_from_row(row: StateLegalEntity) -> LegalEntity:
    fields = {"bin": row.bin, "name": row.name, "registered_address": row.registered_address}
    return msgspec.convert({**fields, "status": row.status}, LegalEntity)


async def put_person(session: AsyncSession, person: Person) -> None:
    """Add the person, or replace what the table holds under the same IIN."""
    values = msgspec.to_builtins(person)
    await session.execute(
        insert(StatePerson)
        .values(values)
        .on_conflict_do_update(
            index_elements=[StatePerson.iin],
            set_={**{k: v for k, v in values.items() if k != "iin"}, "updated_at": func.now()},
        )
    )


async def put_entity(session: AsyncSession, entity: LegalEntity) -> None:
    """Add the legal entity, or replace what the table holds under the same BIN."""
    values = msgspec.to_builtins(entity)
    await session.execute(
        insert(StateLegalEntity)
        .values(values)
        .on_conflict_do_update(
            index_elements=[StateLegalEntity.bin],
            set_={**{k: v for k, v in values.items() if k != "bin"}, "updated_at": func.now()},
        )
    )
