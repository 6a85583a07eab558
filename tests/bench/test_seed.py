"""The bench's seeding (bench/seed.py) leaves rows intake and registration would leave: intact
hash chains, a registered status with its steps, journal numbers the workflow continues from."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, make_url, select, text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.growth import settle
from bench.seed import seed, seed_to
from registry.applications.events import chain_is_intact
from registry.db import create_engine, session_factory
from registry.migrate import upgrade
from registry.models import (
    Application,
    Event,
    IdempotencyRecord,
    JournalCounter,
    JournalEntry,
    OutboxMessage,
    StatusToken,
    WorkflowStep,
)
from registry.workflow.journal import next_number


@pytest.fixture
async def fresh_url(pg_url: str) -> AsyncIterator[str]:
    """A database of its own: seeding moves journal counters other tests number from."""
    name = f"seed_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(pg_url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    try:
        await asyncio.to_thread(upgrade, url)
        yield url
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


async def test_seeded_applications_look_registered_with_intact_chains(fresh_url: str) -> None:
    report = await seed(fresh_url, add=48, partners=3, batch=20)  # batches of 20, 20 and 8
    assert (report.added, report.total) == (48, 48)
    assert report.database_bytes > 0
    engine = create_engine(fresh_url, pool_size=1)
    sessions = session_factory(engine)
    try:
        async with sessions() as session:
            applications = (await session.scalars(select(Application))).all()
            by_partner: dict[uuid.UUID, set[str]] = {}
            for application in applications:
                by_partner.setdefault(application.partner_id, set()).add(application.service)
            # Three partners, each with applications of all eight services.
            assert sorted(len(services) for services in by_partner.values()) == [8, 8, 8]
            assert all(a.status != "received" and a.registration_number for a in applications)
            for application in applications:
                events = (
                    await session.scalars(
                        select(Event)
                        .where(Event.application_id == application.id)
                        .order_by(Event.seq)
                    )
                ).all()
                assert [e.kind for e in events] == ["received", "status_changed"]
                assert chain_is_intact(events), application.service
                assert events[1].data["to"] == application.status
                assert events[1].data["registration_number"] == application.registration_number
            for model in (IdempotencyRecord, OutboxMessage, StatusToken, JournalEntry):
                assert await session.scalar(select(func.count()).select_from(model)) == 48
            open_steps = await session.scalar(
                select(func.count()).select_from(WorkflowStep).where(WorkflowStep.state == "open")
            )
            with_step = sum(a.current_step is not None for a in applications)
            assert open_steps == with_step > 0
            counters = {
                (c.journal, c.year): c.last
                for c in (await session.scalars(select(JournalCounter))).all()
            }
            entries = (await session.scalars(select(JournalEntry))).all()
            for (journal, year), last in counters.items():
                seqs = sorted(e.seq for e in entries if (e.journal, e.year) == (journal, year))
                assert seqs == list(range(1, last + 1))
        # The workflow's next number follows the seeded ones.
        journal, year = next(iter(counters))
        async with sessions() as session, session.begin():
            assert await next_number(session, journal, year) == counters[(journal, year)] + 1
    finally:
        await engine.dispose()


async def test_seeding_up_to_a_total_continues_numbering(fresh_url: str) -> None:
    await seed_to(fresh_url, 10, partners=2)
    again = await seed_to(fresh_url, 25, partners=2)
    assert (again.added, again.total) == (15, 25)
    assert (await seed_to(fresh_url, 20, partners=2)).added == 0
    engine = create_engine(fresh_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            numbers = await connection.scalar(
                select(func.count(func.distinct(Application.registration_number)))
            )
            events = await connection.scalar(select(func.count()).select_from(Event))
        assert (numbers, events) == (25, 50)
    finally:
        await engine.dispose()


async def test_settling_vacuums_and_analyses_the_seeded_tables(fresh_url: str) -> None:
    """The growth check measures a database in the state months of growth leave it in
    (bench/growth.py ``settle``), not one autovacuum is still working through."""
    await seed(fresh_url, add=50, partners=2)
    await settle(fresh_url)
    engine = create_engine(fresh_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            unvacuumed = (
                await connection.execute(
                    text(
                        "SELECT relname FROM pg_stat_user_tables"
                        " WHERE relname IN ('applications', 'events', 'status_tokens')"
                        " AND (last_vacuum IS NULL OR last_analyze IS NULL)"
                    )
                )
            ).scalars()
            assert list(unvacuumed) == []
    finally:
        await engine.dispose()
