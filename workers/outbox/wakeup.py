"""Wakes the outbox relay the moment PostgreSQL commits new outbox rows (LISTEN/NOTIFY).

Migration 0014 makes every statement that inserts outbox rows ``NOTIFY qaqpa_outbox``;
PostgreSQL delivers it at commit, so a relay that listens sends a committed row at once
instead of at its next poll. Polling stays as the fallback (``QAQPA_OUTBOX_POLL_SECONDS``):
while the listening connection is down (PostgreSQL restarted, network) the relay still finds
every row, only later. After each (re)connect the relay is woken once, for rows committed
while nobody listened.

The listening connection is a dedicated asyncpg connection, not one from the SQLAlchemy pool:
a LISTEN must stay on one session for as long as the worker lives.
"""

from __future__ import annotations

import asyncio
import contextlib

import asyncpg
import structlog
from sqlalchemy import make_url

logger = structlog.get_logger(__name__)

CHANNEL = "qaqpa_outbox"
MAX_RECONNECT_SECONDS = 5.0


def asyncpg_dsn(database_url: str) -> str:
    """The SQLAlchemy URL (``postgresql+asyncpg://...``) as a DSN asyncpg accepts."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class OutboxWakeup:
    """An event set by each ``qaqpa_outbox`` notification; :meth:`wait` is the relay's pause."""

    def __init__(self, database_url: str) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._woken = asyncio.Event()
        self._listening = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._backend_pid: int | None = None

    @property
    def listening(self) -> bool:
        """Whether a notification would reach this process now."""
        return self._listening.is_set()

    @property
    def backend_pid(self) -> int | None:
        """The PostgreSQL backend of the listening connection (None while not listening)."""
        return self._backend_pid if self.listening else None

    def start(self) -> None:
        """Listen in the background, reconnecting (with back-off) whenever the connection ends."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(
                self._listen_forever(), name="outbox-wakeup"
            )

    async def wait_listening(self, seconds: float) -> bool:
        """Wait until the first LISTEN is in place; False if it is not within ``seconds``."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._listening.wait(), seconds)
        return self.listening

    def clear(self) -> None:
        """Forget earlier notifications: call before looking at the outbox."""
        self._woken.clear()

    async def wait(self, seconds: float) -> bool:
        """Until a notification arrives (True) or ``seconds`` pass (False)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._woken.wait(), seconds)
        return self._woken.is_set()

    async def aclose(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _notified(self, *_: object) -> None:
        self._woken.set()

    async def _listen_forever(self) -> None:
        backoff = 0.1
        while True:
            ended = asyncio.Event()
            connection: asyncpg.Connection | None = None
            try:
                connection = await asyncpg.connect(self._dsn)
                connection.add_termination_listener(lambda _c, done=ended: done.set())
                await connection.add_listener(CHANNEL, self._notified)
                self._backend_pid = connection.get_server_pid()
                self._listening.set()
                self._woken.set()  # rows committed while nobody listened
                backoff = 0.1
                await ended.wait()
                logger.warning("outbox_listener_lost")
            except (OSError, asyncpg.PostgresError) as exc:
                logger.warning("outbox_listener_failed", error=type(exc).__name__)
            finally:
                self._listening.clear()
                if connection is not None and not connection.is_closed():
                    with contextlib.suppress(Exception):
                        await asyncio.shield(connection.close(timeout=1))
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, MAX_RECONNECT_SECONDS)
