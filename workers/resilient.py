"""An arq worker that waits out a Redis outage instead of exiting.

arq's poll loop lets a Redis ``ConnectionError`` escape ``Worker.main``, so a Redis restart
ended the worker process and abandoned the jobs it was running (issue 17). Here a poll that
meets an outage (:func:`registry.outages.is_outage`) is logged and the loop pauses, doubling
the pause up to :data:`MAX_PAUSE_SECONDS`, then polls again: redis-py reconnects on the next
command, so the worker resumes by itself once Redis answers, and meanwhile it starts no jobs
(it does not spin). Running jobs go on; those whose results cannot be written run again once
their in-progress key expires, as after any crash.
"""

from __future__ import annotations

import asyncio
from typing import Any

import structlog
from arq.worker import Worker, get_kwargs

from registry.outages import is_outage

logger = structlog.get_logger(__name__)

FIRST_PAUSE_SECONDS = 0.5
MAX_PAUSE_SECONDS = 10.0


class ResilientWorker(Worker):
    """:class:`arq.worker.Worker` whose poll survives Redis outages (see the module doc)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pause = FIRST_PAUSE_SECONDS

    async def _poll_iteration(self) -> None:
        try:
            await super()._poll_iteration()
        except Exception as exc:
            if not is_outage(exc):
                raise
            logger.warning("worker_redis_unavailable", error=type(exc).__name__, pause=self._pause)
            await asyncio.sleep(self._pause)
            self._pause = min(self._pause * 2, MAX_PAUSE_SECONDS)
        else:
            self._pause = FIRST_PAUSE_SECONDS


def run_resilient_worker(settings_cls: Any, **kwargs: Any) -> ResilientWorker:
    """:func:`arq.worker.run_worker` with a :class:`ResilientWorker`."""
    worker = ResilientWorker(**{**get_kwargs(settings_cls), **kwargs})
    worker.run()
    return worker
