"""Complaint fixtures: the workflow's officers and state database, and registered applications."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import msgspec
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.complaints.filing import ComplaintRequest, file_complaint
from registry.complaints.terms import Level
from registry.complaints.views import ComplaintView
from registry.models import Application
from registry.statedb.postgres import PostgresStateDatabase
from registry.workflow.registration import register
from registry.workflow.runner import in_transaction
from tests.applications.stored import new_application, store
from tests.conftest import PartnerKey
from tests.workflow.conftest import flow, make_officer, statedb  # noqa: F401 - shared fixtures
from tests.workflow.helpers import Client
from tests.workflow.people import OfficerKey

SERVICE = "pm-special-registration"
OFFICER = "/v1/officer/complaints"


async def received(
    sessions: async_sessionmaker[AsyncSession], partner: PartnerKey, at: datetime
) -> uuid.UUID:
    """An application received (not registered) at ``at``."""
    new = msgspec.structs.replace(
        new_application(partner.id, SERVICE), received_at=at, counts_from=at,
        registration_due_at=at + timedelta(hours=1),
    )  # fmt: skip
    await store(sessions, new)
    return new.id


async def registered(
    sessions: async_sessionmaker[AsyncSession],
    database: PostgresStateDatabase,
    partner: PartnerKey,
    at: datetime,
) -> uuid.UUID:
    """An application received and registered at ``at`` (what the worker's job does)."""
    application_id = await received(sessions, partner, at)

    async def work(session: AsyncSession, application: Application) -> None:
        assert await register(session, application, at, statedb=database) is not None

    await in_transaction(sessions, None, application_id, work)
    return application_id


async def complain(
    sessions: async_sessionmaker[AsyncSession],
    partner: PartnerKey,
    application_id: uuid.UUID,
    at: datetime,
    level: Level = "provider",
) -> ComplaintView:
    """File a complaint in-process at a fixed moment ``at``."""
    request = ComplaintRequest(
        level=level, text="Өтінім негізсіз қайтарылды", request="Өтінімді қайта қарау"
    )
    async with sessions() as session, session.begin():
        return await file_complaint(session, partner.id, application_id, request, at)


class Identity(msgspec.Struct, frozen=True, kw_only=True):
    """An officer as the workflow needs one (registry.workflow.actors.OfficerIdentity)."""

    id: uuid.UUID
    iin: str
    role: str = "head"
    name: str = "Тест Басшы"


async def decide_complaint_of(
    client: Client, officer: OfficerKey, complaint_id: object, action: str, **body: str
) -> httpx.Response:
    """The officer's decision ``action`` on a complaint; the response, whatever its status."""
    return await client.post(
        f"{OFFICER}/{complaint_id}/decisions",
        json={"action": action, **body},
        headers=officer.headers,
    )


class Decided(msgspec.Struct, frozen=True, kw_only=True):
    """A complaint decided by a head: its decision, a result, awaits a signer."""

    complaint: ComplaintView
    result_id: uuid.UUID


async def decided_complaint(
    client: Client,
    sessions: async_sessionmaker[AsyncSession],
    database: PostgresStateDatabase,
    partner: PartnerKey,
    head: OfficerKey,
    text: str = "Негізсіз",
) -> Decided:
    """A complaint on an application registered just now, rejected by ``head`` through the
    API (``client``: the deployment under test)."""
    now = datetime.now(UTC)
    application_id = await registered(sessions, database, partner, now)
    filed = await complain(sessions, partner, application_id, now)
    decided = await decide_complaint_of(client, head, filed.id, "reject", text=text)
    assert decided.status_code == 200, decided.text
    return Decided(complaint=filed, result_id=uuid.UUID(decided.json()["result_id"]))
