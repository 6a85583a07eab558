"""Partner authentication: ``Authorization: Bearer <API key>``, and scope guards.

Keys are looked up by their SHA-256 and the result is cached in-process for
``CACHE_SECONDS`` so that a status read does not pay a database round trip; a revoked key
therefore stops working within that time. Unknown and revoked keys look the same (401).
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import msgspec
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.handlers.base import BaseRouteHandler
from litestar.types import Guard
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.problems import Problem
from gateway.ratelimit import PartnerRateLimiter
from registry.partners.keys import hash_api_key
from registry.partners.repository import active_partner_by_key

CACHE_SECONDS = 30.0
_BEARER = "bearer "


class AuthenticatedPartner(msgspec.Struct, frozen=True):
    id: uuid.UUID
    name: str
    scopes: frozenset[str]


class PartnerAuthenticator:
    """Finds the partner of an API key, with a short in-process cache."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._cache: dict[str, tuple[float, AuthenticatedPartner | None]] = {}

    async def partner_for(self, api_key: str) -> AuthenticatedPartner | None:
        digest = hash_api_key(api_key)
        now = time.monotonic()
        hit = self._cache.get(digest)
        if hit is not None and hit[0] > now:
            return hit[1]
        async with self._sessions() as session:
            found = await active_partner_by_key(session, api_key)
        partner = (
            None
            if found is None
            else AuthenticatedPartner(found.id, found.name, frozenset(found.scopes))
        )
        if len(self._cache) > 10_000:  # bound memory under a flood of made-up keys
            self._cache.clear()
        self._cache[digest] = (now + CACHE_SECONDS, partner)
        return partner


def _bearer_token(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    header = connection.headers.get("authorization", "")
    if header[: len(_BEARER)].lower() != _BEARER:
        return None
    return header[len(_BEARER) :].strip() or None


def require_scope(scope: str) -> Guard:
    """A guard: an active partner (401) holding ``scope`` (403) within its rate limit (429)."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        token = _bearer_token(connection)
        authenticator: PartnerAuthenticator = connection.app.state.authenticator
        partner = await authenticator.partner_for(token) if token else None
        if partner is None:
            raise Problem(
                401,
                "unauthorized",
                "send Authorization: Bearer <API key>",
                headers={"WWW-Authenticate": 'Bearer realm="qaqpa"'},
            )
        if scope not in partner.scopes:
            raise Problem(403, "forbidden", f"this API key lacks the {scope!r} scope")
        rate_limiter: PartnerRateLimiter = connection.app.state.rate_limiter
        await rate_limiter.check(str(partner.id))
        connection.state.partner = partner

    return guard


def current_partner(request: Request[Any, Any, State]) -> AuthenticatedPartner:
    """Dependency: the partner the guard authenticated."""
    partner: AuthenticatedPartner = request.state.partner
    return partner
