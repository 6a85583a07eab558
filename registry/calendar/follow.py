"""Every process follows the decree transfer table: a change reaches it at once, not at restart.

Migration 0019 makes each statement that changes ``calendar_transfers`` send
``NOTIFY qaqpa_calendar`` at commit. :class:`CalendarFollower` listens on that channel
(registry/notify.py: one dedicated connection, reconnecting with back-off) and reloads the
process-wide calendar (:func:`registry.calendar.store.load_calendar`) on each notification and
after each (re)connect, so a change committed while nobody listened is caught up too; a
process that started without the database (the gateway's seeded fallback) picks the table up
the moment PostgreSQL answers.

Why NOTIFY and not a version check on each use: :func:`~registry.calendar.current_calendar` is
called deep inside synchronous calendar arithmetic on every intake and transition; reading a
global stays a pointer load there, where a version query would add a database round trip to
each due time (bench/calendar_follow.py measures both). Notifications that arrive while a
reload runs are folded into one more reload after it.
"""

from __future__ import annotations

import asyncio
import contextlib

import structlog
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.calendar.store import load_calendar
from registry.notify import NotificationListener

logger = structlog.get_logger(__name__)

CHANNEL = "qaqpa_calendar"
RELOAD_ATTEMPTS = 5
RELOAD_RETRY_SECONDS = 1.0


class CalendarFollower(NotificationListener):
    """Reloads the process-wide calendar whenever the transfer table changes."""

    def __init__(self, database_url: str, sessions: async_sessionmaker[AsyncSession]) -> None:
        super().__init__(database_url, CHANNEL, on_notify=self._changed, on_listen=self._schedule)
        self._sessions = sessions
        self._reload: asyncio.Task[None] | None = None
        self._again = False
        self.reloads = 0  # how many reloads finished
        self._reloaded = asyncio.Event()  # set, and replaced, at each finished reload

    async def wait_reloaded(self, after: int, seconds: float) -> bool:
        """Wait until more than ``after`` reloads finished; False if not within ``seconds``."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                while self.reloads <= after:
                    await self._reloaded.wait()
        return self.reloads > after

    async def aclose(self) -> None:
        await super().aclose()
        task, self._reload = self._reload, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _changed(self, _payload: str) -> None:
        self._schedule()

    def _schedule(self) -> None:
        if self._reload is not None and not self._reload.done():
            self._again = True  # the running reload may have read the table before this commit
            return
        self._reload = asyncio.get_running_loop().create_task(
            self._reload_until_current(), name="calendar-reload"
        )

    async def _reload_until_current(self) -> None:
        failures = 0
        while True:
            self._again = False
            try:
                await load_calendar(self._sessions)
            except (OSError, SQLAlchemyError) as exc:
                # A busy pool is tried again shortly; a database that is away drops the
                # listener too, which reloads when it reconnects.
                failures += 1
                logger.warning("calendar_reload_failed", error=type(exc).__name__)
                if failures >= RELOAD_ATTEMPTS:
                    return
                await asyncio.sleep(RELOAD_RETRY_SECONDS)
                continue
            self.reloads += 1
            self._reloaded.set()
            self._reloaded = asyncio.Event()
            if not self._again:
                return
