"""The arq worker's settings class and the settings-dependent parts added at start.

Job timeouts are short on purpose: arq re-runs a job whose worker died only once the job's
in-progress key expires, and that key lives for the LONGEST timeout of any registered function
or cron job + 10 s (arq 0.28, ``Worker.in_progress_timeout_s``), whatever the job's own timeout.
So :func:`worker_options` caps every function's and cron job's timeout at
``QAQPA_JOB_TIMEOUT_SECONDS``: one long timeout would otherwise delay the recovery of all jobs.
Long work is split into steps that each check state first (every job is idempotent).

Every worker also runs the outbox relay (workers/outbox) and, when
``QAQPA_WORKER_METRICS_PORT`` is set, serves its Prometheus metrics (workers/metrics.py).
"""

from __future__ import annotations

import asyncio
import dataclasses
import math
import os
from collections.abc import Iterable
from contextlib import AsyncExitStack
from typing import Any, ClassVar, TypeVar

import structlog
from arq.connections import RedisSettings
from arq.cron import CronJob, cron
from arq.worker import Function, func

from registry.db import create_engine, session_factory
from registry.domains import install as install_services
from registry.production import refusal
from registry.resources import open_resources
from registry.settings import Settings, SettingsError
from registry.statedb.postgres import PostgresStateDatabase
from workers.jobs.agencies import simulate_agency_answers
from workers.jobs.customs import deliver_customs_notifications, release_paid_declarations
from workers.jobs.diagnostics import ping
from workers.jobs.revocation import refresh_crls
from workers.jobs.signing import open_issuer, sign_result_job
from workers.jobs.webhooks import deliver_webhooks, sweep_webhooks
from workers.jobs.workflow import monitor_deadlines, register_application
from workers.jobs.wrapping import cron_job, outbox_job
from workers.metrics import start_metrics_server
from workers.outbox import check_job_names, registered_job_names, start_relay, stop_relay
from workers.outbox.probe import outbox_probe
from workers.outbox.reconciler import reconcile_outbox
from workers.resources import ISSUER_KEY, RESOURCES_KEY, STATEDB_KEY, issuer_of

QUEUE_NAME = "qaqpa:queue"
STATEDB_POOL_SIZE = 2
EXIT_STACK_KEY = "exit_stack"
CRON_MAX_TRIES = 3  # an outage's retries at 5 and 10 s; then the next scheduled run
# How long arq keeps a finished job's result (arq:result:<id>, with a TTL). Nothing reads the
# results: a job's effect is in PostgreSQL and its outbox row's done_at. A kept result only
# makes arq refuse a second job with the same id, which covers the relay's re-send after a
# crash between enqueue and commit (seconds); every job checks state first anyway. An hour
# (arq's default, used before) held one result per job run for an hour: Redis memory grew
# linearly through the whole of a 30-minute `make soak` (+1.8 MB in 10 min at soak rates) and
# would hold rate x 3600 results in production. A minute bounds it at rate x 60.
RESULT_KEEP_SECONDS = 60

logger = structlog.get_logger(__name__)

_Timed = TypeVar("_Timed", Function, CronJob)


async def startup(ctx: dict[str, Any]) -> None:
    settings: Settings = ctx["settings"]
    # `qaqpa worker` checks first; this covers a worker started another way (arq's own CLI).
    refused = refusal(settings)
    if refused is not None:
        raise SettingsError(refused)
    # Closed by shutdown(), which arq also calls when start-up failed half-way.
    stack = ctx[EXIT_STACK_KEY] = AsyncExitStack()
    # arq's own connection pool speaks bytes, as the revocation cache needs.
    resources = await stack.enter_async_context(open_resources(settings, redis=ctx["redis"]))
    ctx[RESOURCES_KEY] = resources
    # Its own pool, as a remote state database would be: a registration job holds one of the
    # jobs' connections (and the application lock) while it looks the applicant up, so
    # lookups from the same pool could leave max_jobs jobs each waiting for a second one.
    statedb_engine = create_engine(settings.database_url, pool_size=STATEDB_POOL_SIZE)
    stack.push_async_callback(statedb_engine.dispose)
    ctx[STATEDB_KEY] = PostgresStateDatabase(session_factory(statedb_engine))
    install_services()  # the services' registration hooks and document builders
    ctx["metrics_server"] = start_metrics_server(settings.worker_metrics_port)
    # Signing keys, opened once per worker process; signing shares the verifier's CRLs.
    ctx[ISSUER_KEY] = open_issuer(settings, resources.verifier.cache)
    await start_relay(ctx)
    # The test harness (tests/workers/worker_process.py) waits for this line.
    logger.info("worker_started", pid=os.getpid())


async def shutdown(ctx: dict[str, Any]) -> None:
    # Also called when startup failed half-way: close what exists.
    await stop_relay(ctx)
    if ctx.get("metrics_server") is not None:
        # shutdown() waits for the serving thread's poll loop: not on the event loop.
        await asyncio.to_thread(ctx["metrics_server"].close)
    issuer = issuer_of(ctx)
    if issuer is not None:
        await issuer.aclose()
    if EXIT_STACK_KEY in ctx:
        await ctx[EXIT_STACK_KEY].aclose()  # the state database's pool, then the resources


class WorkerSettings:
    """What every Qaqpa worker runs; :func:`worker_options` adds the environment's parts."""

    functions: ClassVar[list[Any]] = [
        ping,
        outbox_probe,
        register_application,
        simulate_agency_answers,
        sign_result_job,
        release_paid_declarations,
        deliver_customs_notifications,
        deliver_webhooks,
    ]
    # CRLs live a day at NCA; every 10 minutes keeps them fresh well before nextUpdate.
    # (worker_options caps the 120 s timeout at QAQPA_JOB_TIMEOUT_SECONDS.)
    cron_jobs: ClassVar[list[Any]] = [
        cron(refresh_crls, minute=set(range(0, 60, 10)), run_at_startup=True, timeout=120),
        # Terms are counted in minutes at the finest: a minute's delay in noticing is enough.
        cron(monitor_deadlines, second=0, run_at_startup=True, timeout=60),
        # Jobs Redis lost are sent again (workers/outbox/reconciler.py); at start too, so a
        # fresh worker after a Redis restart picks up what the old queue held.
        cron(reconcile_outbox, second=30, run_at_startup=True, timeout=60),
        # Webhook deliveries whose next attempt is due (workers/jobs/webhooks.py).
        cron(sweep_webhooks, second=set(range(0, 60, 5)), run_at_startup=True, timeout=30),
    ]
    queue_name = QUEUE_NAME
    job_timeout = 60  # worker_options sets QAQPA_JOB_TIMEOUT_SECONDS instead
    max_tries = 5
    keep_result = RESULT_KEEP_SECONDS
    health_check_interval = 10
    on_startup = startup
    on_shutdown = shutdown


def redis_settings(settings: Settings) -> RedisSettings:
    return RedisSettings.from_dsn(settings.redis_url)


def capped_timeouts(jobs: Iterable[_Timed], limit: float) -> list[_Timed]:
    """Copies of ``jobs`` whose explicit timeouts are at most ``limit`` (see the module doc)."""
    return [
        dataclasses.replace(job, timeout_s=min(job.timeout_s, limit))
        if job.timeout_s is not None
        else job
        for job in jobs
    ]


def wrapped(function: Function) -> Function:
    """``function`` with its coroutine in :func:`workers.jobs.wrapping.outbox_job`."""
    return dataclasses.replace(function, coroutine=outbox_job(function.coroutine))


def shutdown_grace(settings: Settings) -> int:
    """Whole seconds a stopping worker waits for its running jobs (arq's ``job_completion_wait``).

    At most the job timeout: by then every job has ended or timed out anyway. At least 1, as
    0 is arq's "cancel at once".
    """
    grace = min(settings.worker_shutdown_grace_seconds, settings.job_timeout_seconds)
    return max(1, math.ceil(grace))


def wrapped_cron(job: CronJob) -> CronJob:
    """``job`` with its coroutine in :func:`workers.jobs.wrapping.cron_job`, and tries for it.

    arq's cron jobs get one try by default, so a ``Retry`` would end as a failure; a retried
    run that is still deferred when the next scheduled one starts is harmless (all are
    idempotent).
    """
    return dataclasses.replace(
        job, coroutine=cron_job(job.coroutine), max_tries=max(job.max_tries or 1, CRON_MAX_TRIES)
    )


def worker_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``arq.worker.create_worker(WorkerSettings, **options)``.

    The functions listed here are the ones the outbox relay routes (``ctx["job_names"]``); they
    must be exactly the ``registry.outbox.Job`` members, else the worker does not start.
    """
    limit = settings.job_timeout_seconds
    # Every job runs in one wrapper (workers/jobs/wrapping.py), which marks its outbox row done.
    functions = capped_timeouts((wrapped(func(f)) for f in WorkerSettings.functions), limit)
    job_names = registered_job_names(functions)
    check_job_names(job_names)
    # Cron jobs meet outages as the other jobs do: retried with back-off.
    cron_jobs = capped_timeouts((wrapped_cron(job) for job in WorkerSettings.cron_jobs), limit)
    return {
        "redis_settings": redis_settings(settings),
        "job_timeout": limit,
        # SIGTERM stops picking jobs and waits for the running ones, then hands back the rest.
        "job_completion_wait": shutdown_grace(settings),
        "poll_delay": settings.worker_poll_seconds,
        "max_jobs": settings.worker_max_jobs,
        "functions": functions,
        "cron_jobs": cron_jobs,
        "ctx": {
            "settings": settings,
            "queue_name": WorkerSettings.queue_name,
            "job_names": job_names,
        },
    }
