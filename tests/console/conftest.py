"""Console fixtures: officers holding the test PKI's provider certificates, and EDS logins.

Other suites create accounts with the provider officers' IINs too; an EDS login maps an IIN to
the one active account of a role, so :func:`provider_officer` first revokes the accounts that
earlier tests left active for that person.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from redis.asyncio import Redis
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.applications.stream import StreamSlots
from gateway.console.live import OFFICER_STREAMS, STREAM_SECONDS
from registry.domains import example_application
from registry.models import Officer, WorkflowStep
from registry.officers.repository import create_officer
from registry.statedb.postgres import PostgresStateDatabase
from testkit.ncalayer import sign_login_nonce
from testkit.pki.config import LEGAL_BIN, PROVIDER_AUTH
from testkit.pki.server import BuiltPki
from tests.conftest import PartnerKey
from tests.workflow.conftest import (
    make_officer,  # noqa: F401 - fixture
    register_now,
    statedb,  # noqa: F401 - fixture
)
from tests.workflow.helpers import Client, submit_document
from tests.workflow.people import OfficerKey

CHALLENGE = "/v1/officer/auth/challenge"
LOGIN = "/v1/officer/auth/eds"
ProviderOfficer = Callable[..., Awaitable[OfficerKey]]
RegisteredS8 = Callable[[PartnerKey], Awaitable[uuid.UUID]]
S8 = "reexport-permit"


def iin_of(auth_label: str) -> str:
    return PROVIDER_AUTH[auth_label][0]


@pytest.fixture
def provider_officer(sessions: async_sessionmaker[AsyncSession]) -> ProviderOfficer:
    """An active account for the person of an auth certificate, the only one they hold."""

    async def make(
        auth_label: str, role: str = "executor", *, services: tuple[str, ...] = ("*",)
    ) -> OfficerKey:
        iin = iin_of(auth_label)
        async with sessions() as session, session.begin():
            await session.execute(
                update(Officer)
                .where(Officer.iin == iin, Officer.revoked_at.is_(None))
                .values(revoked_at=Officer.created_at)
            )
            officer, token = await create_officer(
                session, role, iin, "Провайдер Қызметкер", services=services
            )
        return OfficerKey(officer.id, role, iin, token)

    return make


@pytest.fixture
def registered_s8(
    client: Client,
    pki: BuiltPki,
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,  # noqa: F811 - the fixture imported above
) -> RegisteredS8:
    """A re-export permit (S8) application of a partner, submitted through the API and
    registered: its first step, the completeness check, is open."""

    async def register(partner: PartnerKey) -> uuid.UUID:
        document = example_application(S8, bin=LEGAL_BIN)
        application_id = await submit_document(client, partner, pki, document)
        assert await register_now(sessions, statedb, application_id) == "completeness_check"
        return application_id

    return register


async def make_overdue(
    sessions: async_sessionmaker[AsyncSession], application_id: uuid.UUID, late_by: timedelta
) -> None:
    """Move the application's open step's due time ``late_by`` into the past."""
    async with sessions() as session, session.begin():
        await session.execute(
            update(WorkflowStep)
            .where(WorkflowStep.application_id == application_id, WorkflowStep.state == "open")
            .values(due_at=datetime.now(UTC) - late_by)
        )


def signed_nonce(pki: BuiltPki, label: str, nonce: str) -> dict[str, Any]:
    cms = sign_login_nonce(pki.directory, label, nonce.encode())
    return {"cms": base64.b64encode(cms).decode()}


def session_headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@asynccontextmanager
async def every_stream_held(redis_url: str, officer_id: uuid.UUID) -> AsyncIterator[Redis]:
    """The officer's console streams all open elsewhere (other tabs or processes) meanwhile;
    yields a Redis client for the test's own looks."""
    redis: Redis = Redis.from_url(redis_url)
    elsewhere = StreamSlots(redis, OFFICER_STREAMS, lease_seconds=STREAM_SECONDS)
    held = [await elsewhere.acquire(officer_id) for _ in range(OFFICER_STREAMS)]
    try:
        assert all(held)
        yield redis
    finally:
        for slot in held:
            if slot is not None:
                await elsewhere.release(officer_id, slot)
        await redis.aclose()
