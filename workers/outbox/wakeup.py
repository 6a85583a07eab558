"""Wakes the outbox relay the moment PostgreSQL commits new outbox rows (LISTEN/NOTIFY).

Migration 0014 makes every statement that inserts outbox rows ``NOTIFY qaqpa_outbox``;
PostgreSQL delivers it at commit, so a relay that listens sends a committed row at once
instead of at its next poll. Polling stays as the fallback (``QAQPA_OUTBOX_POLL_SECONDS``):
while the listening connection is down (PostgreSQL restarted, network) the relay still finds
every row, only later. After each (re)connect the relay is woken once, for rows committed
while nobody listened. The connection itself is :class:`registry.notify.NotificationListener`.
"""

from __future__ import annotations

import asyncio
import contextlib

from registry.notify import NotificationListener, asyncpg_dsn

__all__ = ["CHANNEL", "OutboxWakeup", "asyncpg_dsn"]

CHANNEL = "qaqpa_outbox"


class OutboxWakeup:
    """An event set by each ``qaqpa_outbox`` notification; :meth:`wait` is the relay's pause."""

    def __init__(self, database_url: str) -> None:
        self._woken = asyncio.Event()
        self._listener = NotificationListener(
            database_url,
            CHANNEL,
            on_notify=lambda _payload: self._woken.set(),
            on_listen=self._woken.set,  # rows committed while nobody listened
        )

    @property
    def listening(self) -> bool:
        """Whether a notification would reach this process now."""
        return self._listener.listening

    @property
    def backend_pid(self) -> int | None:
        """The PostgreSQL backend of the listening connection (None while not listening)."""
        return self._listener.backend_pid

    def start(self) -> None:
        """Listen in the background, reconnecting (with back-off) whenever the connection ends."""
        self._listener.start()

    async def wait_listening(self, seconds: float) -> bool:
        """Wait until the first LISTEN is in place; False if it is not within ``seconds``."""
        return await self._listener.wait_listening(seconds)

    def clear(self) -> None:
        """Forget earlier notifications: call before looking at the outbox."""
        self._woken.clear()

    async def wait(self, seconds: float) -> bool:
        """Until a notification arrives (True) or ``seconds`` pass (False)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._woken.wait(), seconds)
        return self._woken.is_set()

    async def aclose(self) -> None:
        await self._listener.aclose()
