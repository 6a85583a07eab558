"""Officer authentication: tokens, roles, and the wall between officers and partners."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import get_args

import pytest
from litestar import Litestar, get
from litestar.di import NamedDependency, Provide
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.officers.auth import (
    AuthenticatedOfficer,
    OfficerAuthenticator,
    current_officer,
    require_officer_role,
)
from gateway.problems import problem_details_plugin
from gateway.resources import resources_lifespan
from registry.models.officers import OFFICER_ROLES
from registry.officers.repository import create_officer, revoke_officer
from registry.officers.roles import ALL_OFFICER_ROLES, OfficerRole
from registry.settings import Settings
from testkit.pki.config import HEAD_IIN, INDIVIDUAL_IIN
from tests.conftest import PartnerKey

MakeOfficer = Callable[[str], Awaitable[tuple[AuthenticatedOfficer, str]]]


@pytest.fixture
def make_officer(sessions: async_sessionmaker[AsyncSession]) -> MakeOfficer:
    async def make(role: str) -> tuple[AuthenticatedOfficer, str]:
        async with sessions() as session, session.begin():
            officer, token = await create_officer(session, role, HEAD_IIN, "Officer Test")
        found = await OfficerAuthenticator(sessions).officer_for(token)
        assert found is not None and found.id == officer.id
        return found, token

    return make


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@get("/heads-only", guards=[require_officer_role("head", "unit_head")], sync_to_thread=False)
def heads_only(officer: NamedDependency[AuthenticatedOfficer]) -> str:
    return officer.role


@pytest.fixture
def heads_app(settings: Settings) -> Callable[[], AsyncTestClient[Litestar]]:
    """A small app with a route for heads only, so the role check has something to refuse.

    It runs the gateway's own lifespan, which puts the officer authenticator on its state.
    """
    app = Litestar(
        route_handlers=[heads_only],
        dependencies={"officer": Provide(current_officer, sync_to_thread=False)},
        plugins=[problem_details_plugin()],
        lifespan=[resources_lifespan(settings)],
    )
    return lambda: AsyncTestClient(app=app)


async def test_a_role_outside_the_guard_is_forbidden_and_one_inside_passes(
    make_officer: MakeOfficer, heads_app: Callable[[], AsyncTestClient[Litestar]]
) -> None:
    _, executor = await make_officer("executor")
    _, unit_head = await make_officer("unit_head")
    async with heads_app() as client:
        refused = await client.get("/heads-only", headers=bearer(executor))
        allowed = await client.get("/heads-only", headers=bearer(unit_head))
        anonymous = await client.get("/heads-only")
    assert refused.status_code == 403
    assert refused.json()["code"] == "officer_forbidden"
    assert allowed.status_code == 200 and allowed.text == "unit_head"
    assert anonymous.status_code == 401


async def test_missing_and_made_up_tokens_are_unauthenticated(
    client: AsyncTestClient[Litestar],
) -> None:
    for headers in ({}, bearer("qo_" + "A" * 43), {"Authorization": "Basic b2ZmaWNlcjp4"}):
        response = await client.get("/v1/officer/me", headers=headers)
        assert response.status_code == 401, headers
        assert response.json()["code"] == "officer_unauthenticated"
        assert response.headers["www-authenticate"].startswith("Bearer")


async def test_a_partner_key_does_not_open_officer_routes_nor_a_token_partner_routes(
    client: AsyncTestClient[Litestar],
    make_partner: Callable[..., Awaitable[PartnerKey]],
    make_officer: MakeOfficer,
) -> None:
    partner = await make_partner()
    _, token = await make_officer("clerk")
    assert (await client.get("/v1/applications", headers=partner.headers)).status_code == 200

    as_officer = await client.get("/v1/officer/me", headers=partner.headers)
    assert as_officer.status_code == 401
    assert as_officer.json()["code"] == "officer_unauthenticated"
    as_partner = await client.get("/v1/applications", headers=bearer(token))
    assert as_partner.status_code == 401
    assert as_partner.json()["code"] == "unauthorized"


async def test_every_role_sees_itself(
    client: AsyncTestClient[Litestar], make_officer: MakeOfficer
) -> None:
    for role in OFFICER_ROLES:
        officer, token = await make_officer(role)
        me = await client.get("/v1/officer/me", headers=bearer(token))
        assert me.status_code == 200
        assert me.json() == {"id": str(officer.id), "role": role, "iin": HEAD_IIN,
                             "name": "Officer Test", "services": ["*"],
                             "offices": ["*"]}  # fmt: skip


async def test_revocation_reaches_an_authenticator_when_its_cache_entry_expires(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        officer, token = await create_officer(session, "signer", INDIVIDUAL_IIN, "Short Lived")
    uncached = OfficerAuthenticator(sessions, cache_seconds=0)
    cached = OfficerAuthenticator(sessions, cache_seconds=3600)
    assert await uncached.officer_for(token) is not None
    assert await cached.officer_for(token) is not None
    async with sessions() as session, session.begin():
        assert await revoke_officer(session, officer.id) is not None
    assert await uncached.officer_for(token) is None
    # Within its lifetime a cache entry still answers: the documented price of the cache.
    assert await cached.officer_for(token) is not None


def test_the_role_type_names_exactly_the_roles_of_the_table() -> None:
    assert get_args(OfficerRole) == OFFICER_ROLES == ALL_OFFICER_ROLES


def test_a_guard_must_name_known_roles() -> None:
    with pytest.raises(ValueError, match="name the roles"):
        require_officer_role()
    with pytest.raises(ValueError, match="unknown officer roles"):
        require_officer_role("admin")  # type: ignore[arg-type]
