"""One workflow change = one transaction, then the changed application's status cache entry goes."""

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


async def committed(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    work: Callable[[AsyncSession], Awaitable[T]],
    application_of: Callable[[T], uuid.UUID],
) -> T:
    """Run ``work`` in one transaction and commit; then delete the status cache entry of the
    application its value names (``application_of``).

    The entry is deleted after commit (a reader must not re-cache the old row from a
    transaction still open); a reader racing the delete is bounded by the entry's TTL.
    """
    async with sessions() as session, session.begin():
        value = await work(session)
    if redis is not None:
        await invalidate_status(redis, application_of(value))
    return value


async def in_transaction(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    application_id: uuid.UUID,
    work: Callable[[AsyncSession, Application], Awaitable[T]],
) -> T:
    """Run ``work`` on the locked application and commit; then delete its status cache entry."""

    async def locked(session: AsyncSession) -> T:
        return await work(session, await lock_application(session, application_id))

    return await committed(sessions, redis, locked, lambda _: application_id)
