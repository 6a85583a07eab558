"""One workflow change = one transaction on the locked application, then the cache entry goes."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.status_cache import invalidate_status
from registry.models import Application
from registry.workflow.engine import lock_application

T = TypeVar("T")


async def in_transaction(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    application_id: uuid.UUID,
    work: Callable[[AsyncSession, Application], Awaitable[T]],
) -> T:
    """Run ``work`` on the locked application and commit; then delete its status cache entry.

    The entry is deleted after commit (a reader must not re-cache the old row from a
    transaction still open); a reader racing the delete is bounded by the entry's TTL.
    """
    async with sessions() as session, session.begin():
        application = await lock_application(session, application_id)
        value = await work(session, application)
    if redis is not None:
        await invalidate_status(redis, application_id)
    return value
