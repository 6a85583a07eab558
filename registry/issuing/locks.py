"""Reading a result under its application's lock, in the order every writer takes them.

The application row first (:func:`registry.workflow.engine.lock_application`, as a workflow
move takes it), then the result row: the worker, the operator's retry and a signer's approval
never wait on each other in opposite orders.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Result
from registry.workflow.engine import lock_application


async def application_of(
    sessions: async_sessionmaker[AsyncSession], result_id: uuid.UUID
) -> uuid.UUID | None:
    """The id of the result's application, read outside any lock (None: no such result)."""
    async with sessions() as session:
        return await application_id_of(session, result_id)


async def application_id_of(session: AsyncSession, result_id: uuid.UUID) -> uuid.UUID | None:
    application_id: uuid.UUID | None = await session.scalar(
        select(Result.application_id).where(Result.id == result_id)
    )
    return application_id


async def locked_result(session: AsyncSession, result_id: uuid.UUID) -> Result | None:
    """The result row, fresh and locked; the caller already holds its application's lock."""
    return await session.get(Result, result_id, populate_existing=True, with_for_update=True)


async def lock_result(session: AsyncSession, result_id: uuid.UUID) -> Result | None:
    """The result after its application's lock; None when there is no such result."""
    application_id = await application_id_of(session, result_id)
    if application_id is None:
        return None
    await lock_application(session, application_id)
    return await locked_result(session, result_id)
