"""The relay's place in a worker process: started by arq's on_startup, stopped on shutdown."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from typing import Any

import structlog
from arq.worker import func

from registry.outbox import Job
from workers.outbox.relay import OutboxRelay
from workers.outbox.wakeup import OutboxWakeup
from workers.resources import resources_of

logger = structlog.get_logger(__name__)

RELAY_KEY = "outbox_relay"
RELAY_TASK_KEY = "outbox_relay_task"
WAKEUP_KEY = "outbox_wakeup"
LISTEN_WAIT_SECONDS = 5.0


def registered_job_names(functions: Iterable[Any]) -> tuple[str, ...]:
    """The arq job names of ``functions`` (plain coroutines or ``arq.worker.func`` wrappers).

    The relay routes exactly these, so a job another module adds to
    ``WorkerSettings.functions`` is relayed without touching the relay.
    """
    return tuple(sorted(func(function).name for function in functions))


class JobRegistrationError(RuntimeError):
    """The worker's functions and :class:`registry.outbox.Job` disagree."""


def check_job_names(job_names: Iterable[str]) -> None:
    """Refuse to start unless the worker runs exactly the jobs of :class:`registry.outbox.Job`.

    A job with no function would sit in the outbox forever (the relay leaves rows it cannot
    route, counting them as unroutable); a function no job names is dead or was named by hand.
    Either is a mistake found now rather than by a stuck application.
    """
    registered = set(job_names)
    expected = {job.value for job in Job}
    problems = []
    if missing := sorted(expected - registered):
        problems.append(f"no worker function for Job {', '.join(missing)}")
    if unknown := sorted(registered - expected):
        problems.append(f"worker functions not in Job: {', '.join(unknown)}")
    if problems:
        raise JobRegistrationError("; ".join(problems))


async def start_relay(ctx: dict[str, Any]) -> OutboxRelay:
    """Create the relay from the worker context, drain the outbox, then run it in the background.

    Needs the worker's resources (:func:`workers.resources.resources_of`), ``ctx["redis"]``
    (arq's pool), ``ctx["job_names"]`` and ``ctx["queue_name"]``; stores the relay and its task
    in ``ctx``.
    The relay listens for outbox notifications (workers/outbox/wakeup.py); the LISTEN is in
    place before the first drain, so no row committed after the drain waits for a poll.
    A failing first drain does not stop the worker: the background loop retries.
    """
    resources = resources_of(ctx)
    settings = resources.settings
    wakeup = ctx[WAKEUP_KEY] = OutboxWakeup(settings.database_url)
    wakeup.start()
    if not await wakeup.wait_listening(LISTEN_WAIT_SECONDS):
        logger.warning(
            "outbox_listener_not_ready", fallback_poll_seconds=settings.outbox_poll_seconds
        )
    relay = OutboxRelay(
        resources.sessions,
        ctx["redis"],  # arq's own pool (ArqRedis), which enqueues
        ctx["job_names"],
        queue_name=ctx["queue_name"],
        batch_size=settings.outbox_batch_size,
        poll_seconds=settings.outbox_poll_seconds,
        wakeup=wakeup,
    )
    ctx[RELAY_KEY] = relay
    try:
        sent = await relay.drain()
    except Exception as exc:  # the loop below retries with back-off
        logger.warning("outbox_drain_failed", error=type(exc).__name__)
        sent = 0
    ctx[RELAY_TASK_KEY] = asyncio.get_running_loop().create_task(relay.run(), name="outbox-relay")
    logger.info("outbox_relay_started", jobs=list(relay.job_names), drained=sent)
    return relay


async def stop_relay(ctx: dict[str, Any]) -> None:
    """Cancel the relay task and wait for it; a batch in flight rolls back and is re-sent."""
    task: asyncio.Task[None] | None = ctx.pop(RELAY_TASK_KEY, None)
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    ctx.pop(RELAY_KEY, None)
    wakeup: OutboxWakeup | None = ctx.pop(WAKEUP_KEY, None)
    if wakeup is not None:
        await wakeup.aclose()
