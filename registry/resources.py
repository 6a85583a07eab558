"""The resources every Qaqpa process shares, opened and closed in one place.

The gateway's lifespan (gateway/resources.py) and the worker's start-up (workers/settings.py)
both open them with :func:`open_resources` and add their own pieces on top: the gateway its
authenticators, rate limiters and event feed, the worker its state-database pool, key store
and outbox relay. Handlers receive them as a typed ``resources: Resources`` dependency, jobs
through ``workers.resources.resources_of(ctx)``.

The working calendar is loaded here too, but stays the process-wide value of
:func:`registry.calendar.current.current_calendar`: due times are counted deep inside registry
code that is not handed resources, and a second copy here could only drift from it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

import structlog
from redis.asyncio import Redis
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from registry.calendar.follow import CalendarFollower
from registry.calendar.store import load_calendar
from registry.db import create_engine, session_factory
from registry.settings import Settings
from signing import RedisRevocationCache, Verifier

logger = structlog.get_logger(__name__)


@dataclass(frozen=True, kw_only=True)
class Resources:
    """What a process opened at start: its settings, database, Redis and verifier."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    redis: Redis
    # Applicants' certificates and signatures; its revocation cache lives in ``redis``.
    verifier: Verifier


def redis_client(url: str, *, timeout: float = 2.0) -> Redis:
    """A Redis client that fails fast when the server is away and reconnects when it is back."""
    client: Redis = Redis.from_url(
        url,
        socket_connect_timeout=timeout,
        socket_timeout=timeout,
        health_check_interval=30,
    )
    return client


@asynccontextmanager
async def open_resources(
    settings: Settings, *, redis: Redis | None = None, calendar_fallback: bool = False
) -> AsyncIterator[Resources]:
    """Open the shared resources for ``settings``; close them (newest first) on exit.

    ``redis``: a client the caller owns and closes (the worker's arq pool, which speaks bytes
    as the revocation cache needs); without it one is opened here and closed on exit.
    ``calendar_fallback``: when PostgreSQL is down at start, count with the seeded transfers
    instead of failing (the gateway's choice: readiness says 503 meanwhile and the calendar
    follower loads the table once PostgreSQL answers); the worker fails instead and arq
    starts it again.
    """
    async with AsyncExitStack() as stack:
        engine = create_engine(
            settings.database_url,
            pool_size=settings.database_pool_size,
            pool_timeout=settings.database_pool_timeout_seconds,
        )
        stack.push_async_callback(engine.dispose)
        if redis is None:
            redis = redis_client(settings.redis_url, timeout=settings.readiness_timeout_seconds)
            stack.push_async_callback(redis.aclose)
        verifier = Verifier(settings.verification_policy(), cache=RedisRevocationCache(redis))
        stack.push_async_callback(verifier.aclose)
        sessions = session_factory(engine)
        try:
            await load_calendar(sessions)  # the decree transfers every due time counts with
        except (OSError, SQLAlchemyError):
            if not calendar_fallback:
                raise
            logger.warning("calendar_transfers_not_loaded", fallback="seeded transfers")
        # Transfer changes committed by any process reach this one at once (issue 21).
        follower = CalendarFollower(settings.database_url, sessions)
        follower.start()
        stack.push_async_callback(follower.aclose)
        yield Resources(
            settings=settings, engine=engine, sessions=sessions, redis=redis, verifier=verifier
        )
