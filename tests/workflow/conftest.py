"""Workflow fixtures: officers with tokens, the seeded state database, the stack a test drives
(``flow``), submit-and-register."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, NamedTuple

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.domains import example_application
from registry.officers.repository import create_officer
from registry.statedb.postgres import PostgresStateDatabase
from registry.workflow.registration import register
from registry.workflow.runner import in_transaction
from testkit.pki.server import BuiltPki
from testkit.seed import seed_state_database
from tests.applications.signed import INDIVIDUAL_IIN
from tests.conftest import PartnerKey
from tests.workflow import people
from tests.workflow.helpers import Client, submit_document
from tests.workflow.people import OfficerKey

DEFAULT_IINS = {
    "clerk": people.CLERK_IIN,
    "head": people.HEAD_IIN,
    "unit_head": people.UNIT_HEAD_IIN,
    "executor": people.EXECUTOR_IIN,
    "signer": people.SIGNER_IIN,
}
MakeOfficer = Callable[..., Awaitable[OfficerKey]]
MakePartner = Callable[..., Awaitable[PartnerKey]]


@pytest.fixture
def make_officer(sessions: async_sessionmaker[AsyncSession]) -> MakeOfficer:
    async def make(
        role: str,
        iin: str | None = None,
        name: str = "Тест Қызметкер",
        *,
        services: tuple[str, ...] = ("*",),
        offices: tuple[str, ...] = ("*",),
    ) -> OfficerKey:
        number = iin or DEFAULT_IINS[role]
        async with sessions() as session, session.begin():
            officer, token = await create_officer(
                session, role, number, name, services=services, offices=offices
            )
        return OfficerKey(officer.id, role, number, token)

    return make


@pytest.fixture(scope="session")
async def statedb(sessions: async_sessionmaker[AsyncSession]) -> PostgresStateDatabase:
    async with sessions() as session, session.begin():
        await seed_state_database(session)
    return PostgresStateDatabase(sessions)


class Flow(NamedTuple):
    """What a workflow test drives an application through: the API, the test PKI that signs the
    submissions, the database, the seeded state database registration checks against, and the
    makers of partners and officers."""

    client: Client
    pki: BuiltPki
    sessions: async_sessionmaker[AsyncSession]
    statedb: PostgresStateDatabase
    make_partner: MakePartner
    make_officer: MakeOfficer


@pytest.fixture
def flow(
    client: Client,
    pki: BuiltPki,
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
    make_partner: MakePartner,
    make_officer: MakeOfficer,
) -> Flow:
    return Flow(client, pki, sessions, statedb, make_partner, make_officer)


async def submit(
    client: Client, partner: PartnerKey, pki: BuiltPki, service: str, **applicant: str
) -> uuid.UUID:
    """POST a signed example application of ``service`` (an individual's unless a BIN is given)."""
    label = "legal-sign" if "bin" in applicant else "individual-sign"
    document = example_application(service, **(applicant or {"iin": INDIVIDUAL_IIN}))
    return await submit_document(client, partner, pki, document, label)


async def register_now(
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
    application_id: uuid.UUID,
    now: datetime | None = None,
) -> str | None:
    """What the worker's registration job does, run in the test's process."""

    async def work(session: AsyncSession, application: Any) -> str | None:
        moved = await register(session, application, now or datetime.now(UTC), statedb=statedb)
        return None if moved is None else moved.target

    return await in_transaction(sessions, None, application_id, work)
