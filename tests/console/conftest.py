"""Console fixtures: officers holding the test PKI's provider certificates, and EDS logins.

Other suites create accounts with the provider officers' IINs too; an EDS login maps an IIN to
the one active account of a role, so :func:`provider_officer` first revokes the accounts that
earlier tests left active for that person.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Officer
from registry.officers.repository import create_officer
from testkit.ncalayer import sign_login_nonce
from testkit.pki.config import PROVIDER_AUTH
from testkit.pki.server import BuiltPki
from tests.workflow.conftest import (
    make_officer,  # noqa: F401 - fixture
    statedb,  # noqa: F401 - fixture
)
from tests.workflow.people import OfficerKey

CHALLENGE = "/v1/officer/auth/challenge"
LOGIN = "/v1/officer/auth/eds"
ProviderOfficer = Callable[..., Awaitable[OfficerKey]]


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


def signed_nonce(pki: BuiltPki, label: str, nonce: str) -> dict[str, Any]:
    cms = sign_login_nonce(pki.directory, label, nonce.encode())
    return {"cms": base64.b64encode(cms).decode()}


def session_headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
