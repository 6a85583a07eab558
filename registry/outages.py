"""Which exceptions mean "a dependency is away for now" rather than "this request is wrong".

One classification for every process: the gateway answers them with 503
``dependency_unavailable`` and ``Retry-After`` (gateway/problems.py), the workers turn them into
arq retries with back-off (workers/jobs/wrapping.py). Anything else is a bug or bad input and
keeps its own handling.

PostgreSQL: a refused or dropped connection (the driver raises ``OSError`` while connecting;
SQLAlchemy flags a dropped one as ``connection_invalidated``), the connection-exception SQLSTATE
class 08, an administrator or crash shutdown, "cannot connect now" while it starts, too many
connections, and SQLAlchemy's pool timeout (every connection busy for
``QAQPA_DATABASE_POOL_TIMEOUT_SECONDS``). Redis: its connection and timeout errors (loading a
dataset after a restart is a connection error too).
"""

from __future__ import annotations

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

# 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
TRANSIENT_SQLSTATES = frozenset({"57P01", "57P02", "57P03", "53300"})
# Raised as they are, outside SQLAlchemy's wrapping: socket errors while connecting.
TRANSIENT_TYPES: tuple[type[BaseException], ...] = (
    ConnectionError,  # the built-in one: refused, reset, aborted
    TimeoutError,
    PoolTimeoutError,
    RedisConnectionError,
    RedisTimeoutError,
)
# How long a client should wait before trying again (the Retry-After of a 503).
RETRY_AFTER_SECONDS = 5


def _sqlstate(error: DBAPIError) -> str:
    return str(getattr(error.orig, "sqlstate", None) or "")


def is_outage(exc: BaseException) -> bool:
    """Whether ``exc`` (or what it was raised from) says a database or Redis is unavailable."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, TRANSIENT_TYPES):
            return True
        # asyncio's connect to a name with several addresses folds their refusals into one
        # plain OSError ("Multiple exceptions: [Errno 111] Connect call failed ...").
        if type(current) is OSError and "Connect call failed" in str(current):
            return True
        if isinstance(current, DBAPIError):
            state = _sqlstate(current)
            if current.connection_invalidated or state.startswith("08"):
                return True
            if state in TRANSIENT_SQLSTATES:
                return True
        current = current.__cause__
    return False
