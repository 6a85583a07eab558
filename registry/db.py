"""The async database engine and session factory (SQLAlchemy 2 over asyncpg)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def create_engine(
    database_url: str,
    *,
    pool_size: int = 10,
    pool_timeout: float = 30.0,
    autocommit: bool = False,
    max_overflow: int | None = None,
    pre_ping: bool = True,
) -> AsyncEngine:
    """An engine whose pool checks connections before use, so a restarted PostgreSQL heals.

    ``hide_parameters``: a failed statement's error (and so the logged traceback) names the
    SQL but never its parameters, which are applicants' IINs, names and signed documents.
    ``pool_timeout`` bounds both the wait for a pooled connection and a new connection's
    set-up: a request should fail fast (503, registry/outages.py) rather than queue behind a
    database that is not answering, so clients back off.
    ``autocommit``: every statement is its own transaction (for single-statement hot paths,
    registry/applications/intake.py); its pre-ping is then one round trip, not three
    (SQLAlchemy pings a transactional asyncpg connection with BEGIN, a query and ROLLBACK).
    ``max_overflow``: connections opened past ``pool_size`` under a burst (default as many);
    each is closed when given back, so a hot path pays connecting and preparing again.
    ``pre_ping=False``: no round trip at checkout; the caller's first statement must then be
    one it can repeat on a fresh connection when it finds the connection dropped
    (:func:`registry.applications.intake.stored_answer` does; a dropped connection invalidates
    the whole pool, so the repeat connects anew).
    """
    return create_async_engine(
        database_url,
        pool_size=pool_size,
        max_overflow=pool_size if max_overflow is None else max_overflow,
        pool_timeout=pool_timeout,
        connect_args={"timeout": pool_timeout},
        pool_pre_ping=pre_ping,
        pool_recycle=1800,
        hide_parameters=True,
        **({"isolation_level": "AUTOCOMMIT"} if autocommit else {}),
    )


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit (no implicit lazy reloads)."""
    return async_sessionmaker(engine, expire_on_commit=False)


T = TypeVar("T")


def run_in_session(
    work: Callable[[AsyncSession], Awaitable[T]], database_url: str | None = None
) -> T:
    """Run ``work`` in one committed transaction (synchronously: for CLIs and scripts) against
    ``database_url``, by default the configured database."""
    from registry.settings import load_settings

    url = database_url or load_settings().database_url

    async def main() -> T:
        engine = create_engine(url, pool_size=1)
        try:
            async with session_factory(engine)() as session, session.begin():
                return await work(session)
        finally:
            await engine.dispose()

    return asyncio.run(main())
