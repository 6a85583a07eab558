"""Applications through a REAL worker: intake's outbox row → relay → registration job.

The crash test holds the row lock of the registration journal's counter, so the worker's
registration job blocks inside its transaction; the worker is SIGKILLed there, the lock is
released, a new worker starts, and arq re-runs the job (its in-progress key expires job_timeout
+ 10 s after the start): the application ends up registered exactly once.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import chain_is_intact
from registry.calendar import to_local
from registry.models import Application, JournalCounter, JournalEntry
from testkit.pki.config import LEGAL_BIN
from tests.workers.conftest import WorkerFactory, worker_factory  # noqa: F401 - the fixture
from tests.workers.polling import eventually
from tests.workers.worker_process import WorkerProcess
from tests.workflow.conftest import Flow, submit
from tests.workflow.helpers import events_of

Client = AsyncTestClient[Litestar]
SERVICE = "pm-special-registration"


async def _status(sessions: async_sessionmaker[AsyncSession], application_id: uuid.UUID) -> str:
    async with sessions() as session:
        status = await session.scalar(
            select(Application.status).where(Application.id == application_id)
        )
    return status or ""


async def _reaches(
    sessions: async_sessionmaker[AsyncSession],
    application_id: uuid.UUID,
    status: str,
    within: float,
) -> None:
    """Wait until the application's stored status is ``status``."""

    async def reached() -> bool:
        return await _status(sessions, application_id) == status

    await eventually(reached, within=within)


async def _started_worker(factory: WorkerFactory) -> WorkerProcess:
    worker = factory(job_timeout=3.0)
    await asyncio.to_thread(worker.start)
    return worker


@asynccontextmanager
async def holding_the_journal(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[None]:
    journal, year = f"incoming:{SERVICE}", to_local(datetime.now(UTC)).year
    async with sessions() as session, session.begin():
        await session.execute(
            insert(JournalCounter)
            .values(journal=journal, year=year, last=0)
            .on_conflict_do_nothing()
        )
    async with sessions() as session, session.begin():
        await session.execute(
            select(JournalCounter)
            .where(JournalCounter.journal == journal, JournalCounter.year == year)
            .with_for_update()
        )
        yield


async def _someone_waits_for_a_lock(sessions: async_sessionmaker[AsyncSession]) -> bool:
    async with sessions() as session:
        waiting = await session.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND query LIKE '%journal_counters%'"
            )
        )
    return bool(waiting)


async def test_a_worker_registers_a_submitted_application(
    flow: Flow,
    worker_factory: WorkerFactory,  # noqa: F811
) -> None:
    await _started_worker(worker_factory)
    partner = await flow.make_partner()
    application_id = await submit(flow.client, partner, flow.pki, SERVICE, bin=LEGAL_BIN)
    await _reaches(flow.sessions, application_id, "assignment", within=30)
    status = await flow.client.get(f"/v1/applications/{application_id}", headers=partner.headers)
    assert status.json()["status"] == "assignment"
    assert status.json()["registration_number"].startswith("PM-SPECIAL-REGISTRATION/")
    assert status.json()["current_step_due_at"] is not None


async def test_a_worker_killed_mid_registration_registers_the_application_exactly_once(
    flow: Flow,
    worker_factory: WorkerFactory,  # noqa: F811
) -> None:
    worker = await _started_worker(worker_factory)
    partner = await flow.make_partner()
    async with holding_the_journal(flow.sessions):
        application_id = await submit(flow.client, partner, flow.pki, SERVICE, bin=LEGAL_BIN)
        await eventually(lambda: _someone_waits_for_a_lock(flow.sessions), within=30)
        await asyncio.to_thread(worker.kill)
    assert await _status(flow.sessions, application_id) == "received"
    await asyncio.to_thread(worker.restart)
    await _reaches(flow.sessions, application_id, "assignment", within=60)
    events = await events_of(flow.sessions, application_id)
    async with flow.sessions() as session:
        entries = await session.scalar(
            select(func.count())
            .select_from(JournalEntry)
            .where(JournalEntry.application_id == application_id)
        )
    assert [event.kind for event in events] == ["received", "status_changed"]
    assert chain_is_intact(events)
    assert entries == 1  # one incoming number, no second registration


FIRST_STEPS = {
    "declarant-certificate": ({}, "head_review"),
    "pm-special-registration": ({"bin": LEGAL_BIN}, "assignment"),
    "pm-extraction-feasibility": ({"bin": LEGAL_BIN}, "assignment"),
    "pm-processing-infeasibility": ({"bin": LEGAL_BIN}, "assignment"),
    "pm-export-act": ({"bin": LEGAL_BIN}, "assignment"),
    "pm-import-act": ({"bin": LEGAL_BIN}, "assignment"),
    "reexport-permit": ({"bin": LEGAL_BIN}, "completeness_check"),
}


async def test_a_worker_registers_every_service_into_its_first_step(
    flow: Flow,
    worker_factory: WorkerFactory,  # noqa: F811
) -> None:
    """S2–S8 through the API and a real worker (S1's real-worker test is in tests/customs)."""
    await _started_worker(worker_factory)
    partner = await flow.make_partner()
    submitted = {
        service: await submit(flow.client, partner, flow.pki, service, **applicant)
        for service, (applicant, _) in FIRST_STEPS.items()
    }

    async def all_registered() -> bool:
        statuses = {s: await _status(flow.sessions, i) for s, i in submitted.items()}
        return statuses == {service: step for service, (_, step) in FIRST_STEPS.items()}

    await eventually(all_registered, within=60)
    for service, application_id in submitted.items():
        answer = await flow.client.get(
            f"/v1/applications/{application_id}", headers=partner.headers
        )
        body = answer.json()
        assert body["registration_number"].startswith(service.upper() + "/"), body
        assert body["current_step_due_at"] is not None or service == "reexport-permit"
