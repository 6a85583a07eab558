"""The state-database adapter over PostgreSQL: found, not found, liquidated (and deceased)."""

from __future__ import annotations

import pytest
from asn1crypto import x509
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.statedb import (
    LegalEntity,
    Person,
    PostgresStateDatabase,
    StateDatabase,
    find_applicant,
)
from testkit.pki.config import HEAD_IIN, INDIVIDUAL_IIN, LEGAL_BIN
from testkit.pki.server import BuiltPki
from testkit.seed import (
    DECEASED_IIN,
    LIQUIDATED_BIN,
    SECOND_ENTITY_BIN,
    SEED_ENTITIES,
    SEED_PERSONS,
    TEST_NAME,
)

UNREGISTERED_IIN = "900315300111"  # valid checksum, in no seed


@pytest.fixture
def statedb(sessions: async_sessionmaker[AsyncSession]) -> StateDatabase:
    return PostgresStateDatabase(sessions)


async def test_the_seeded_test_identities_are_found(statedb: StateDatabase) -> None:
    person = await statedb.find_person(INDIVIDUAL_IIN)
    assert person is not None
    assert (person.iin, person.name, person.status) == (INDIVIDUAL_IIN, TEST_NAME, "active")
    assert person.registered_address
    entity = await statedb.find_legal_entity(LEGAL_BIN)
    assert entity is not None
    assert entity == LegalEntity(bin=LEGAL_BIN, name='ТОО "ТЕСТ"', status="active",
                                 registered_address=entity.registered_address)  # fmt: skip
    assert await find_applicant(statedb, iin=HEAD_IIN) is not None
    assert await find_applicant(statedb, bin=SECOND_ENTITY_BIN) is not None


async def test_unknown_numbers_are_not_found(statedb: StateDatabase) -> None:
    assert await statedb.find_person(UNREGISTERED_IIN) is None
    assert await statedb.find_legal_entity(UNREGISTERED_IIN) is None
    # An IIN is not a BIN: the registers are separate.
    assert await statedb.find_legal_entity(INDIVIDUAL_IIN) is None
    assert await find_applicant(statedb, iin=UNREGISTERED_IIN) is None


async def test_a_liquidated_entity_is_on_record_but_not_found_for_a_service(
    statedb: StateDatabase,
) -> None:
    entity = await statedb.find_legal_entity(LIQUIDATED_BIN)
    assert entity is not None and entity.status == "liquidated"
    assert await find_applicant(statedb, bin=LIQUIDATED_BIN) is None


async def test_a_deceased_person_is_on_record_but_not_found_for_a_service(
    statedb: StateDatabase,
) -> None:
    person = await statedb.find_person(DECEASED_IIN)
    assert person is not None and person.status == "deceased"
    assert await find_applicant(statedb, iin=DECEASED_IIN) is None


async def test_find_applicant_wants_exactly_one_number(statedb: StateDatabase) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        await find_applicant(statedb)
    with pytest.raises(ValueError, match="exactly one"):
        await find_applicant(statedb, iin=INDIVIDUAL_IIN, bin=LEGAL_BIN)


def _subject(pki: BuiltPki, label: str) -> dict[str, str]:
    subject: dict[str, str] = x509.Certificate.load(pki.cert_der(label)).subject.native
    return subject


def test_the_seed_names_match_the_test_certificates(pki: BuiltPki) -> None:
    """An application signed with a test key names an applicant the state database knows."""
    seeded: dict[str, Person | LegalEntity] = {p.iin: p for p in SEED_PERSONS}
    seeded.update({e.bin: e for e in SEED_ENTITIES})
    for label in ("individual-sign", "legal-sign"):
        subject = _subject(pki, label)
        iin = subject["serial_number"].removeprefix("IIN")
        # NCA certificates: CN "SURNAME NAME", givenName holds the patronymic.
        assert seeded[iin].name == f"{subject['common_name']} {subject['given_name']}"
    legal = _subject(pki, "legal-sign")
    bin_ = legal["organizational_unit_name"].removeprefix("BIN")
    assert seeded[bin_].name == legal["organization_name"]
