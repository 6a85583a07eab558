"""The gateway's process resources: the shared ones and its own.

They are opened when the app starts and closed when it stops (a Litestar lifespan). The
shared :class:`~registry.resources.Resources` (settings, database, Redis, verifier) reach
handlers as the ``resources`` dependency (gateway/dependencies.py); the gateway's own pieces
(authenticators, rate limiters, the event streams' feed and slots, the submission verifier)
stay on ``app.state``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from litestar import Litestar

from gateway.applications.status_memo import StatusMemo
from gateway.applications.stream import EventFeed, StreamSlots
from gateway.applications.verification import SubmissionVerifier
from gateway.auth import PartnerAuthenticator
from gateway.officers.auth import OfficerAuthenticator
from gateway.ratelimit import RateLimiter
from registry.db import create_engine
from registry.resources import open_resources
from registry.settings import Settings


def resources_lifespan(
    settings: Settings,
) -> Callable[[Litestar], AbstractAsyncContextManager[None]]:
    """A lifespan that puts the shared resources, the authenticators, the rate limiters and
    the event streams' feed and slots on ``app.state``."""

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        async with open_resources(settings, calendar_fallback=True) as resources:
            app.state.resources = resources
            app.state.authenticator = PartnerAuthenticator(resources.sessions)
            app.state.officer_authenticator = OfficerAuthenticator(resources.sessions)
            app.state.rate_limiter = RateLimiter(
                settings.redis_url, settings.rate_limit, per="partner"
            )
            app.state.public_rate_limiter = RateLimiter(
                settings.redis_url, settings.public_rate_limit, per="client address"
            )
            app.state.client_rate_limiter = RateLimiter(
                settings.redis_url, settings.client_rate_limit, per="client address", name="client"
            )
            app.state.auth_failure_limiter = RateLimiter(
                settings.redis_url,
                settings.auth_failure_rate_limit,
                per="client address",
                name="auth-failure",
            )
            app.state.stream_slots = StreamSlots(
                resources.redis,
                settings.sse_max_streams_per_partner,
                lease_seconds=settings.sse_max_seconds,
            )
            event_feed = app.state.event_feed = EventFeed(settings.database_url)
            event_feed.start()  # streams poll until it listens; it reconnects on its own
            app.state.submission_verifier = SubmissionVerifier(resources.verifier)
            # Intake's own pool in autocommit: its idempotency SELECT and its one-statement
            # store need no BEGIN/COMMIT; no ping at checkout, a round trip per request. No
            # overflow: a burst waits for a pooled connection (each holds its prepared
            # statements) instead of connecting anew for every request past the pool.
            intake_engine = create_engine(
                settings.database_url,
                pool_size=settings.database_pool_size,
                pool_timeout=settings.database_pool_timeout_seconds,
                autocommit=True,
                max_overflow=0,
                pre_ping=False,  # the idempotency read is the ping (stored_answer)
            )
            app.state.intake_engine = intake_engine
            status_memo = app.state.status_memo = StatusMemo(resources.redis)
            status_memo.start()  # copies are used once it has subscribed
            try:
                yield
            finally:
                await status_memo.aclose()
                await event_feed.aclose()
                await intake_engine.dispose()

    return lifespan
