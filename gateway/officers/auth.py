"""Officer authentication: ``Authorization: Bearer <officer token>``, and role guards.

Officers and partners are separate principals: an officer token is looked up only among
officers and a partner API key only among partners, so neither opens the other's routes
(401, as for an unknown token). Unknown, revoked and missing tokens look the same.

The lookup is cached in-process like partners' (:class:`gateway.auth.TokenCache`) but for
:data:`CACHE_SECONDS` only: officers decide applications, so a revoked account should stop
sooner, and their traffic is far too small for the database round trips to matter.
"""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.handlers.base import BaseRouteHandler
from litestar.types import Guard
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.auth import TokenCache, authenticate_bearer
from gateway.problems import Problem
from registry.models.officers import OFFICER_ROLES
from registry.officers.repository import active_officer_by_token
from registry.officers.roles import ALL_OFFICER_ROLES, OfficerRole
from registry.officers.scope import covers

CACHE_SECONDS = 10.0


class AuthenticatedOfficer(msgspec.Struct, frozen=True, kw_only=True):
    """The officer behind a request: what decisions and events record as the actor."""

    id: uuid.UUID
    role: OfficerRole
    iin: str
    name: str
    # The account's scope (registry.officers.scope): "*" stands for all.
    services: tuple[str, ...] = ("*",)
    offices: tuple[str, ...] = ("*",)


class OfficerAuthenticator:
    """Finds the active officer of a token, with a short in-process cache."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], *, cache_seconds: float = CACHE_SECONDS
    ) -> None:
        self._sessions = sessions
        self._cache = TokenCache(self._lookup, seconds=cache_seconds)

    @property
    def cache(self) -> TokenCache[AuthenticatedOfficer]:
        return self._cache

    async def officer_for(self, token: str) -> AuthenticatedOfficer | None:
        return await self._cache.get(token)

    async def _lookup(self, token: str) -> AuthenticatedOfficer | None:
        async with self._sessions() as session:
            found = await active_officer_by_token(session, token)
        if found is None:
            return None
        return msgspec.convert(
            {
                "id": found.id,
                "role": found.role,
                "iin": found.iin,
                "name": found.name,
                "services": found.services,
                "offices": found.offices,
            },
            AuthenticatedOfficer,
        )


def require_officer_role(*roles: OfficerRole, service: str | None = None) -> Guard:
    """A guard: an active officer (401 ``officer_unauthenticated``) in one of ``roles`` (403
    ``officer_forbidden``). Name every role the route admits; there is no "any role" default.

    ``service``: the route works on that one service only (exam sessions are S2's), so the
    account's scope must include it (403 ``officer_forbidden`` otherwise). Routes over many
    services check the scope per application instead (registry.officers.scope).
    """
    if not roles:
        raise ValueError("name the roles the route admits")
    unknown = sorted(set(roles) - set(OFFICER_ROLES))
    if unknown:
        raise ValueError(f"unknown officer roles {unknown}")
    allowed = frozenset(roles)

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        authenticator: OfficerAuthenticator = connection.app.state.officer_authenticator
        officer = await authenticate_bearer(connection, authenticator.cache)
        if officer is None:
            raise Problem(
                401,
                "officer_unauthenticated",
                "send Authorization: Bearer <officer token>",
                headers={"WWW-Authenticate": 'Bearer realm="qaqpa-officers"'},
            )
        if officer.role not in allowed:
            raise Problem(
                403,
                "officer_forbidden",
                f"the {officer.role} role may not do this; allowed: {', '.join(sorted(allowed))}",
            )
        if service is not None and not covers(officer, service, None):
            raise Problem(
                403, "officer_forbidden", f"this officer account does not work on {service}"
            )
        connection.state.officer = officer

    return guard


ANY_OFFICER = require_officer_role(*ALL_OFFICER_ROLES)
"""The guard of routes every officer role may use."""


def current_officer(request: Request[Any, Any, State]) -> AuthenticatedOfficer:
    """Dependency: the officer :func:`require_officer_role` authenticated.

    A route without that guard is a programming error, reported as such (500), never as an
    anonymous officer.
    """
    officer: AuthenticatedOfficer | None = request.state.get("officer")
    if officer is None:
        raise RuntimeError("current_officer needs the route to be guarded by require_officer_role")
    return officer
