"""Fixtures for the intake and read tests: one application stored through registry intake, and
the workflow tests' ``flow`` (the stack a submission goes through)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import NamedTuple

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.intake import NewApplication
from tests.applications.stored import new_application, store
from tests.conftest import PartnerKey
from tests.workflow.conftest import flow, make_officer, statedb  # noqa: F401 (fixtures)


class Stored(NamedTuple):
    """A fresh partner and the one application it has, as intake wrote it."""

    partner: PartnerKey
    new: NewApplication


@pytest.fixture
async def stored(
    sessions: async_sessionmaker[AsyncSession], make_partner: Callable[..., Awaitable[PartnerKey]]
) -> Stored:
    partner = await make_partner()
    new = new_application(partner.id)
    await store(sessions, new)
    return Stored(partner, new)
