"""Risk fixtures: a rolled-back session (rules added here never reach other tests), a stored
application to record selections against; officers come from the workflow tests' maker."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.cli import main
from registry.models import RiskLane, RiskRule
from registry.settings import Settings
from tests.applications.stored import new_application, store
from tests.conftest import PartnerKey
from tests.workflow import people
from tests.workflow.conftest import make_officer  # noqa: F401 (fixture)

SECOND_HEAD_IIN = people.iin("76030360005")  # another person: four eyes compares IINs


@pytest.fixture
async def session(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessions() as session, session.begin():
        yield session
        await session.rollback()


@pytest.fixture
async def application_id(
    sessions: async_sessionmaker[AsyncSession],
    make_partner: Callable[..., Awaitable[PartnerKey]],
) -> uuid.UUID:
    partner = await make_partner()
    new = new_application(partner.id, "customs-release")
    await store(sessions, new)
    return new.id


Cli = Callable[..., Awaitable[Result]]


@pytest.fixture
def cli(settings: Settings) -> Cli:
    """Run ``qaqpa ARGS`` in this process (in a thread: the commands start their own loop)."""

    async def run(*args: str) -> Result:
        environment = {"QAQPA_DATABASE_URL": settings.database_url}
        return await asyncio.to_thread(CliRunner().invoke, main, list(args), env=environment)

    return run


@pytest.fixture
async def restore_risk_config(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[None]:
    """Committed changes (CLI, API) are undone afterwards: rules created during the test are
    deleted, disabled ones re-enabled and the lanes put back, so other tests see the seeds."""
    async with sessions() as session:
        lanes = (await session.scalars(select(RiskLane))).all()
        saved = {lane.corridor: (lane.expected_rate, lane.min_random_rate, lane.default_forms)
                 for lane in lanes}  # fmt: skip
        codes = set((await session.scalars(select(RiskRule.code))).all())
        active = set((await session.scalars(select(RiskRule.code).where(RiskRule.active))).all())
    yield
    async with sessions() as session, session.begin():
        await session.execute(delete(RiskRule).where(RiskRule.code.not_in(codes)))
        await session.execute(
            update(RiskRule)
            .where(RiskRule.code.in_(active), ~RiskRule.active)
            .values(active=True, disabled_at=None, disabled_by=None)
        )
        for corridor, (expected, minimum, forms) in saved.items():
            await session.execute(
                update(RiskLane)
                .where(RiskLane.corridor == corridor)
                .values(expected_rate=expected, min_random_rate=minimum, default_forms=forms)
            )
