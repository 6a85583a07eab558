"""Process-wide resources of the gateway: the database engine and the Redis client.

They are opened when the app starts and closed when it stops (a Litestar lifespan), and
handlers reach them through ``app.state``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import structlog
from litestar import Litestar
from redis.asyncio import Redis
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.applications.stream import EventFeed, StreamSlots
from gateway.applications.verification import SubmissionVerifier
from gateway.auth import PartnerAuthenticator
from gateway.officers.auth import OfficerAuthenticator
from gateway.ratelimit import RateLimiter
from registry.calendar.store import load_calendar
from registry.db import create_engine, session_factory
from registry.settings import Settings
from signing.revocation.cache import RedisRevocationCache
from signing.verify import Verifier

logger = structlog.get_logger(__name__)


def redis_client(url: str, *, timeout: float = 2.0) -> Redis:
    """A Redis client that fails fast when the server is away and reconnects when it is back."""
    client: Redis = Redis.from_url(
        url,
        socket_connect_timeout=timeout,
        socket_timeout=timeout,
        health_check_interval=30,
    )
    return client


def resources_lifespan(
    settings: Settings,
) -> Callable[[Litestar], AbstractAsyncContextManager[None]]:
    """A lifespan that puts the engine, sessions, Redis, the authenticators, the rate limiters
    and the event streams' feed and slots on ``app.state``."""

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        engine: AsyncEngine = create_engine(
            settings.database_url, pool_size=settings.database_pool_size
        )
        redis = redis_client(settings.redis_url, timeout=settings.readiness_timeout_seconds)
        app.state.engine = engine
        app.state.sessions = session_factory(engine)
        app.state.redis = redis
        app.state.authenticator = PartnerAuthenticator(app.state.sessions)
        app.state.officer_authenticator = OfficerAuthenticator(app.state.sessions)
        app.state.rate_limiter = RateLimiter(settings.redis_url, settings.rate_limit, per="partner")
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
            redis, settings.sse_max_streams_per_partner, lease_seconds=settings.sse_max_seconds
        )
        event_feed = app.state.event_feed = EventFeed(settings.database_url)
        event_feed.start()  # streams poll until it listens; it reconnects on its own
        policy = settings.verification_policy()
        verifier = Verifier(policy, cache=RedisRevocationCache(redis))
        app.state.submission_verifier = SubmissionVerifier(verifier)
        # Operators' decree transfers from PostgreSQL; if it is down at start the seeded table
        # stands in (readiness says 503 meanwhile) and a restart picks the table up.
        try:
            await load_calendar(app.state.sessions)
        except (OSError, SQLAlchemyError):
            logger.warning("calendar_transfers_not_loaded", fallback="seeded transfers")
        try:
            yield
        finally:
            await event_feed.aclose()
            await verifier.aclose()
            await redis.aclose()
            await engine.dispose()

    return lifespan
