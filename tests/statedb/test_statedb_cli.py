"""`qaqpa statedb seed|add-person|add-entity|show`: operators fill the local state database."""

from __future__ import annotations

import asyncio
import json

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import StateLegalEntity, StatePerson
from registry.settings import Settings
from registry.statedb import PostgresStateDatabase, find_applicant
from testkit.seed import SECOND_PERSON_IIN, SEED_ENTITIES, SEED_PERSONS, load_seed
from tests.officers.conftest import Cli

# Numbers only these tests write (valid checksums).
OPERATOR_BIN = "100140012304"
OPERATOR_IIN = "920714450006"


async def test_add_entity_then_mark_it_liquidated(
    cli: Cli, sessions: async_sessionmaker[AsyncSession]
) -> None:
    statedb = PostgresStateDatabase(sessions)
    args = ["statedb", "add-entity", "--bin", OPERATOR_BIN, "--name", 'ЖШС "ОПЕРАТОР"',
            "--address", "Астана қ., Абай даңғылы, 1"]  # fmt: skip
    added = await cli(*args)
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["status"] == "active"
    assert await find_applicant(statedb, bin=OPERATOR_BIN) is not None

    liquidated = await cli(*args, "--status", "liquidated")
    assert liquidated.exit_code == 0, liquidated.output
    entity = await statedb.find_legal_entity(OPERATOR_BIN)
    assert entity is not None and entity.status == "liquidated"
    assert await find_applicant(statedb, bin=OPERATOR_BIN) is None

    shown = json.loads((await cli("statedb", "show", OPERATOR_BIN)).stdout)
    assert shown["person"] is None and shown["legal_entity"]["status"] == "liquidated"


async def test_add_person_checks_the_iin(
    cli: Cli, sessions: async_sessionmaker[AsyncSession]
) -> None:
    bad = OPERATOR_IIN[:-1] + str((int(OPERATOR_IIN[-1]) + 1) % 10)
    common = ["--name", "ОПЕРАТОРОВА Ә.", "--address", "Алматы қ."]
    refused = await cli("statedb", "add-person", "--iin", bad, *common)
    assert refused.exit_code == 2 and refused.stdout == ""
    added = await cli("statedb", "add-person", "--iin", OPERATOR_IIN, *common)
    assert added.exit_code == 0, added.output
    person = await PostgresStateDatabase(sessions).find_person(OPERATOR_IIN)
    assert person is not None and person.name == "ОПЕРАТОРОВА Ә." and person.status == "active"


async def test_seeding_again_restores_the_seed_and_adds_no_rows(
    cli: Cli, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    # Not a test PKI identity: other tests rely on those while this one runs.
    first = next(p for p in SEED_PERSONS if p.iin == SECOND_PERSON_IIN)
    changed = await cli("statedb", "add-person", "--iin", first.iin, "--name", "CHANGED",
                        "--address", "x", "--status", "deceased")  # fmt: skip
    assert changed.exit_code == 0, changed.output

    async def counts() -> tuple[int, int]:
        async with sessions() as session:
            people = await session.scalar(select(func.count()).select_from(StatePerson))
            entities = await session.scalar(select(func.count()).select_from(StateLegalEntity))
        return people or 0, entities or 0

    before = await counts()
    seeded = await cli("statedb", "seed")
    assert seeded.exit_code == 0, seeded.output
    assert json.loads(seeded.stdout) == {"seeded": len(SEED_PERSONS) + len(SEED_ENTITIES)}
    assert (
        await asyncio.to_thread(load_seed, settings.database_url)
        == json.loads(seeded.stdout)["seeded"]
    )
    assert await counts() == before
    assert await PostgresStateDatabase(sessions).find_person(first.iin) == first


async def test_seed_refuses_a_production_database_unless_forced(cli: Cli) -> None:
    refused = await cli("statedb", "seed", env={"QAQPA_ENV": "production"})
    assert refused.exit_code == 2 and refused.stdout == ""
    assert "production" in refused.output
