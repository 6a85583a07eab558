"""A PostgreSQL ``LISTEN`` that lives as long as the process: the outbox relay's wake-up
(workers/outbox/wakeup.py) and the gateway's event streams (gateway/applications/stream.py).

The listening connection is a dedicated asyncpg connection, not one from the SQLAlchemy pool:
a LISTEN must stay on one session for as long as the process lives. When the connection ends
(PostgreSQL restarted, network) it is opened again with back-off, and ``on_listen`` is called
after each (re)connect so the owner can catch up on what was committed while nobody listened.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

import asyncpg
import structlog
from sqlalchemy import make_url

logger = structlog.get_logger(__name__)

MAX_RECONNECT_SECONDS = 5.0


def asyncpg_dsn(database_url: str) -> str:
    """The SQLAlchemy URL (``postgresql+asyncpg://...``) as a DSN asyncpg accepts."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class NotificationListener:
    """Calls ``on_notify(payload)`` for each notification on ``channel``, in the event loop."""

    def __init__(
        self,
        database_url: str,
        channel: str,
        *,
        on_notify: Callable[[str], None],
        on_listen: Callable[[], None],
    ) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._channel = channel
        self._on_notify = on_notify
        self._on_listen = on_listen
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
                self._listen_forever(), name=f"listen-{self._channel}"
            )

    async def wait_listening(self, seconds: float) -> bool:
        """Wait until the first LISTEN is in place; False if it is not within ``seconds``."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._listening.wait(), seconds)
        return self.listening

    async def aclose(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _notified(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        self._on_notify(payload)

    async def _listen_forever(self) -> None:
        backoff = 0.1
        while True:
            ended = asyncio.Event()
            connection: asyncpg.Connection | None = None
            try:
                connection = await asyncpg.connect(self._dsn)
                connection.add_termination_listener(lambda _c, done=ended: done.set())
                await connection.add_listener(self._channel, self._notified)
                self._backend_pid = connection.get_server_pid()
                self._listening.set()
                self._on_listen()
                backoff = 0.1
                await ended.wait()
                logger.warning("listener_lost", channel=self._channel)
            except (OSError, asyncpg.PostgresError) as exc:
                logger.warning("listener_failed", channel=self._channel, error=type(exc).__name__)
            finally:
                self._listening.clear()
                if connection is not None and not connection.is_closed():
                    with contextlib.suppress(Exception):
                        await asyncio.shield(connection.close(timeout=1))
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, MAX_RECONNECT_SECONDS)
