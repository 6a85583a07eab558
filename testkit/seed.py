"""The local seed: the test PKI's identities and a few more, one of each status.

Names match the test certificates (``testkit.pki.config``: the individual and the legal
entity's head are both «ТЕСТОВ ТЕСТ ТЕСТОВИЧ», the entity is «ТОО "ТЕСТ"»), so an application
signed with a test key names an applicant the state database knows. The extra numbers carry
valid checksums. Loaded by ``qaqpa statedb seed`` (``make run`` and the test harness run it);
seeding replaces these rows only and leaves operators' other rows alone.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from registry.db import run_in_session
from registry.statedb.model import LegalEntity, Person
from registry.statedb.records import put_entity, put_person
from testkit.pki.config import HEAD_IIN, INDIVIDUAL_IIN, LEGAL_BIN

TEST_NAME = "ТЕСТОВ ТЕСТ ТЕСТОВИЧ"
ASTANA = "Астана қ., Есіл ауданы, Мәңгілік Ел даңғылы, 8"
ALMATY = "Алматы қ., Медеу ауданы, Достық даңғылы, 91"

# Numbers of the extra rows, for tests and demos.
SECOND_PERSON_IIN = "880226450003"
DECEASED_IIN = "550101300002"
SECOND_ENTITY_BIN = "051240001204"
LIQUIDATED_BIN = "080640004503"

SEED_PERSONS: tuple[Person, ...] = (
    Person(iin=INDIVIDUAL_IIN, name=TEST_NAME, registered_address=ASTANA, status="active"),
    Person(iin=HEAD_IIN, name=TEST_NAME, registered_address=ALMATY, status="active"),
    Person(
        iin=SECOND_PERSON_IIN,
        name="СЕЙІТОВА АЙГҮЛ НҰРЛАНҚЫЗЫ",
        registered_address="Қарағанды қ., Бұқар жырау даңғылы, 47",
        status="active",
    ),
    Person(
        iin=DECEASED_IIN,
        name="ЕСКЕНОВ БОЛАТ ЖАНҰЛЫ",
        registered_address="Шымкент қ., Тәуке хан даңғылы, 5",
        status="deceased",
    ),
)
SEED_ENTITIES: tuple[LegalEntity, ...] = (
    LegalEntity(bin=LEGAL_BIN, name='ТОО "ТЕСТ"', registered_address=ALMATY, status="active"),
    LegalEntity(
        bin=SECOND_ENTITY_BIN,
        name='ТОО "АЛТЫН ӨҢДЕУ"',
        registered_address="Өскемен қ., Қазақстан көшесі, 59",
        status="active",
    ),
    LegalEntity(
        bin=LIQUIDATED_BIN,
        name='ТОО "ЖАБЫЛҒАН КӘСІПОРЫН"',
        registered_address="Павлодар қ., Сәтбаев көшесі, 12",
        status="liquidated",
    ),
)


async def seed_state_database(session: AsyncSession) -> int:
    """Put the seed rows (replacing earlier copies of them); the number of rows put."""
    for person in SEED_PERSONS:
        await put_person(session, person)
    for entity in SEED_ENTITIES:
        await put_entity(session, entity)
    return len(SEED_PERSONS) + len(SEED_ENTITIES)


def load_seed(database_url: str) -> int:
    """Seed the database at ``database_url``; synchronous, like :func:`registry.migrate.upgrade`."""
    return run_in_session(seed_state_database, database_url)
