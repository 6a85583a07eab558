"""Officer authentication: ``Authorization: Bearer <officer token>``, and role guards.

Officers and partners are separate principals: an officer token is looked up only among
officers and a partner API key only among partners, so neither opens the other's routes
(401, as for an unknown token). Unknown, revoked and missing tokens look the same.

The lookup is cached in-process like partners' (:class:`gateway.auth.TokenCache`) but for
:data:`CACHE_SECONDS` only: officers decide applications, so a revoked account should stop
sooner, and their traffic is far too small for the database round trips to matter.

Besides ``qo_`` tokens (automation), an officer may hold a session opened by an EDS login
(gateway/officers/eds.py, registry/officers/sessions.py): its ``qs_`` token comes as a bearer
token or as the console's :data:`SESSION_COOKIE`. A cookie is sent by the browser on its own,
so a request authenticated by it must also carry the session's CSRF token in
:data:`CSRF_HEADER` before it may change anything (SameSite=Strict already keeps other sites'
requests cookieless; the header is the second lock).
"""

from __future__ import annotations

import hmac
import uuid
from typing import Any

import msgspec
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.handlers.base import BaseRouteHandler
from litestar.types import Guard
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.auth import TokenCache, authenticate_bearer, bearer_token
from gateway.problems import Problem
from gateway.ratelimit import RateLimiter, client_address
from registry.models import Officer
from registry.models.officers import OFFICER_ROLES
from registry.officers.repository import active_officer_by_id, active_officer_by_token
from registry.officers.roles import ALL_OFFICER_ROLES, OfficerRole
from registry.officers.scope import covers
from registry.officers.sessions import StoredSession, looks_like_session_token, touch_session
from registry.resources import Resources

CACHE_SECONDS = 10.0
SESSION_COOKIE = "qaqpa_session"
CSRF_HEADER = "X-CSRF-Token"
# Sent by the console's script on refreshes it makes by itself (polling, after a live event):
# they do not count as the officer's activity. Routes that only ever serve such requests (the
# console's event stream) say so with ``opt={BACKGROUND: True}``.
BACKGROUND_HEADER = "X-Qaqpa-Background"
BACKGROUND = "background"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


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
        return None if found is None else authenticated(found)

    async def officer_by_id(self, officer_id: uuid.UUID) -> AuthenticatedOfficer | None:
        """The active officer ``officer_id`` (a session's holder); read afresh each time, so a
        deactivated account's session stops at its next request."""
        async with self._sessions() as session:
            found = await active_officer_by_id(session, officer_id)
        return None if found is None else authenticated(found)


def authenticated(found: Officer) -> AuthenticatedOfficer:
    """The gateway's view of an officer row."""
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


def session_token(connection: ASGIConnection[Any, Any, Any, Any]) -> tuple[str | None, bool]:
    """The request's session token and whether it came in the cookie (else a bearer header)."""
    bearer = bearer_token(connection)
    if bearer is not None:
        return (bearer, False) if looks_like_session_token(bearer) else (None, False)
    cookie = connection.cookies.get(SESSION_COOKIE)
    return (cookie, True) if cookie else (None, False)


async def session_of(
    connection: ASGIConnection[Any, Any, Any, Any],
) -> tuple[AuthenticatedOfficer, StoredSession, bool] | None:
    """The officer of the request's session, the session, and whether the cookie carried it;
    None without a live session of an active officer. The idle clock restarts on a hit,
    except for background requests (:func:`is_background`)."""
    token, by_cookie = session_token(connection)
    if token is None:
        return None
    resources: Resources = connection.app.state.resources
    stored = await touch_session(
        resources.redis,
        token,
        resources.settings.officer_session_idle_seconds,
        restart=not is_background(connection),
    )
    if stored is None:
        return None
    authenticator: OfficerAuthenticator = connection.app.state.officer_authenticator
    officer = await authenticator.officer_by_id(stored.officer_id)
    return None if officer is None else (officer, stored, by_cookie)


def is_background(connection: ASGIConnection[Any, Any, Any, Any]) -> bool:
    """A request the page made by itself, not the officer: it leaves the idle clock alone."""
    if connection.headers.get(BACKGROUND_HEADER) == "1":
        return True
    handler = connection.scope.get("route_handler")
    return bool(handler is not None and handler.opt.get(BACKGROUND))


async def authenticate_officer(
    connection: ASGIConnection[Any, Any, Any, Any],
) -> AuthenticatedOfficer | None:
    """The officer behind a ``qo_`` token, a ``qs_`` session token or the session cookie.

    A cookie-authenticated request that changes something must carry the session's CSRF
    token (403 ``csrf_failed``). Failures count against the per-address failure limit.
    """
    token, _ = session_token(connection)
    if token is None:
        return await authenticate_bearer(connection, _officer_cache(connection))
    limiter: RateLimiter = connection.app.state.auth_failure_limiter
    await limiter.ensure_open(client_address(connection))
    found = await session_of(connection)
    if found is None:
        await limiter.check(client_address(connection))
        return None
    officer, stored, by_cookie = found
    if by_cookie and connection.scope.get("method", "GET") not in _SAFE_METHODS:
        sent = connection.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent.encode(), stored.csrf.encode()):
            raise Problem(403, "csrf_failed", f"send the session's CSRF token in {CSRF_HEADER}")
    connection.state.officer_session = stored
    return officer


def _officer_cache(
    connection: ASGIConnection[Any, Any, Any, Any],
) -> TokenCache[AuthenticatedOfficer]:
    authenticator: OfficerAuthenticator = connection.app.state.officer_authenticator
    return authenticator.cache


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
        officer = await authenticate_officer(connection)
        if officer is None:
            raise Problem(
                401,
                "officer_unauthenticated",
                "send Authorization: Bearer <officer token>, or log in with EDS",
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
