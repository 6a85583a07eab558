"""The status token's guard: an active token (401), its own application only (404), its limit.

Tokens are looked up on every request, with no in-process cache, so a revoked token stops at
once. Failed lookups count against ``QAQPA_AUTH_FAILURE_RATE_LIMIT`` per client address, as
failed API keys do; each token has its own ``QAQPA_APPLICANT_APP_RATE_LIMIT`` in Redis, shared
by every gateway process.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.handlers.base import BaseRouteHandler

from gateway.auth import AuthenticatedPartner, bearer_token
from gateway.problems import Problem
from gateway.ratelimit import RateLimiter, client_address
from registry.applications.status_tokens import TokenHolder, holder_of

LIMITER_KEY = "status_token_limiter"


def _limiter(connection: ASGIConnection[Any, Any, Any, Any]) -> RateLimiter:
    state = connection.app.state
    limiter: RateLimiter | None = state.get(LIMITER_KEY)
    if limiter is None:
        settings = state.resources.settings
        limiter = RateLimiter(
            settings.redis_url,
            settings.applicant_app_rate_limit,
            per="status token",
            name="status-token",
        )
        state[LIMITER_KEY] = limiter
    return limiter


async def require_status_token(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    failures: RateLimiter = connection.app.state.auth_failure_limiter
    address = client_address(connection)
    token = bearer_token(connection)
    holder = None
    if token is not None:
        await failures.ensure_open(address)
        async with connection.app.state.resources.sessions() as session:
            holder = await holder_of(session, token)
    if holder is None:
        await failures.check(address)
        raise Problem(
            401,
            "unauthorized",
            "send Authorization: Bearer <status token>",
            headers={"WWW-Authenticate": 'Bearer realm="qaqpa-status"'},
        )
    application_id = connection.path_params.get("application_id")
    if application_id != holder.application_id:
        raise Problem(404, "not_found", f"no application {application_id} for this token")
    await _limiter(connection).check(str(holder.token_id))
    connection.state.token_holder = holder


def token_holder(request: Request[Any, Any, State]) -> TokenHolder:
    """Dependency: the token the guard let in."""
    holder: TokenHolder = request.state.token_holder
    return holder


def as_partner(holder: TokenHolder) -> AuthenticatedPartner:
    """The owning partner, with no scope: the shared read functions check ownership by it."""
    return AuthenticatedPartner(holder.partner_id, "status token", frozenset())
