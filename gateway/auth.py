"""Partner authentication: ``Authorization: Bearer <API key>``, and scope guards.

Keys are looked up by their SHA-256 and the result is cached in-process for
``CACHE_SECONDS`` so that a status read does not pay a database round trip; a revoked key
therefore stops working within that time. Unknown and revoked keys look the same (401).
"""

from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import msgspec
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.handlers.base import BaseRouteHandler
from litestar.types import Guard
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.problems import Problem
from gateway.ratelimit import RateLimiter, client_address
from registry.partners.keys import hash_api_key
from registry.partners.repository import active_partner_by_key

CACHE_SECONDS = 30.0
MAX_CACHED_TOKENS = 10_000
_BEARER = "bearer "

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


class AuthenticatedPartner(msgspec.Struct, frozen=True):
    id: uuid.UUID
    name: str
    scopes: frozenset[str]


class LruCache(Generic[K, V]):
    """A bounded mapping that forgets its least recently used entry when full.

    Bounding memory by dropping only the coldest entry keeps the hot keys (the partners and
    officers actually working) cached while a flood of made-up tokens passes through; emptying
    the whole cache instead made every real key pay a database lookup again.
    """

    def __init__(self, max_entries: int) -> None:
        if max_entries < 1:
            raise ValueError("an LRU cache holds at least one entry")
        self._max_entries = max_entries
        self._entries: OrderedDict[K, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def get(self, key: K) -> V | None:
        """The value of ``key`` (now the most recently used), or None."""
        try:
            value = self._entries[key]
        except KeyError:
            return None
        self._entries.move_to_end(key)
        return value

    def drop(self, key: K) -> None:
        self._entries.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()

    def put(self, key: K, value: V) -> None:
        """Store ``value`` as the most recently used, evicting the least recently used."""
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self._max_entries:
            self._entries.popitem(last=False)


class TokenCache(Generic[T]):
    """What a bearer token stands for, looked up once per ``seconds`` and cached in-process.

    Entries are keyed by the token's SHA-256 (the clear token is not kept), misses are cached
    too so a repeated made-up token does not reach the database (the per-address rate limit
    bounds how many different ones a client can try), and at most ``max_entries`` are kept,
    least recently used first out (:class:`LruCache`). A revoked token therefore keeps working
    for at most ``seconds`` in each process.
    """

    def __init__(
        self,
        lookup: Callable[[str], Awaitable[T | None]],
        *,
        seconds: float = CACHE_SECONDS,
        max_entries: int = MAX_CACHED_TOKENS,
    ) -> None:
        self._lookup = lookup
        self._seconds = seconds
        self._entries: LruCache[str, tuple[float, T | None]] = LruCache(max_entries)

    def cached(self, token: str) -> tuple[bool, T | None]:
        """``(True, value)`` when ``token``'s lookup is cached and fresh, else ``(False, None)``."""
        hit = self._entries.get(hash_api_key(token))
        if hit is not None and hit[0] > time.monotonic():
            return True, hit[1]
        return False, None

    async def get(self, token: str) -> T | None:
        known, value = self.cached(token)
        if known:
            return value
        value = await self._lookup(token)
        self._entries.put(hash_api_key(token), (time.monotonic() + self._seconds, value))
        return value


async def authenticate_bearer(
    connection: ASGIConnection[Any, Any, Any, Any], cache: TokenCache[T]
) -> T | None:
    """Who the request's bearer token stands for, or None; failures are limited per address.

    Every failure (no token, an unknown or revoked one) counts against
    ``QAQPA_AUTH_FAILURE_RATE_LIMIT`` for the client address; past it the answer is 429, and an
    address that used it up is refused BEFORE its next token is looked up, so guessing keys
    costs the database nothing. A fresh cached token skips Redis altogether: the hot path of a
    working partner pays no extra round trip.
    """
    token = bearer_token(connection)
    if token is not None:
        known, found = cache.cached(token)
        if found is not None:
            return found
        if not known:
            await _failure_limiter(connection).ensure_open(client_address(connection))
            found = await cache.get(token)
            if found is not None:
                return found
    await _failure_limiter(connection).check(client_address(connection))
    return None


def _failure_limiter(connection: ASGIConnection[Any, Any, Any, Any]) -> RateLimiter:
    limiter: RateLimiter = connection.app.state.auth_failure_limiter
    return limiter


class PartnerAuthenticator:
    """Finds the partner of an API key, with a short in-process cache."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._cache = TokenCache(self._lookup)

    @property
    def cache(self) -> TokenCache[AuthenticatedPartner]:
        return self._cache

    async def partner_for(self, api_key: str) -> AuthenticatedPartner | None:
        return await self._cache.get(api_key)

    async def _lookup(self, api_key: str) -> AuthenticatedPartner | None:
        async with self._sessions() as session:
            found = await active_partner_by_key(session, api_key)
        if found is None:
            return None
        return AuthenticatedPartner(found.id, found.name, frozenset(found.scopes))


def bearer_token(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    header = connection.headers.get("authorization", "")
    if header[: len(_BEARER)].lower() != _BEARER:
        return None
    return header[len(_BEARER) :].strip() or None


def require_scope(scope: str) -> Guard:
    """A guard: an active partner (401) holding ``scope`` (403) within its rate limit (429)."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        authenticator: PartnerAuthenticator = connection.app.state.authenticator
        partner = await authenticate_bearer(connection, authenticator.cache)
        if partner is None:
            raise Problem(
                401,
                "unauthorized",
                "send Authorization: Bearer <API key>",
                headers={"WWW-Authenticate": 'Bearer realm="qaqpa"'},
            )
        if scope not in partner.scopes:
            raise Problem(403, "forbidden", f"this API key lacks the {scope!r} scope")
        rate_limiter: RateLimiter = connection.app.state.rate_limiter
        await rate_limiter.check(str(partner.id))
        connection.state.partner = partner

    return guard


def current_partner(request: Request[Any, Any, State]) -> AuthenticatedPartner:
    """Dependency: the partner the guard authenticated."""
    partner: AuthenticatedPartner = request.state.partner
    return partner
