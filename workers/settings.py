"""The arq worker's settings class and the settings-dependent parts added at start.

Job timeouts are short on purpose: arq re-runs a job whose worker died only after about
``job_timeout + 10`` seconds, so a short timeout bounds how long a crashed job stays stuck.
Long work is split into steps that each check state first (every job is idempotent).
"""

from __future__ import annotations

from typing import Any, ClassVar

import msgspec
from arq.connections import RedisSettings
from arq.cron import cron

from registry.db import create_engine
from registry.settings import Settings
from signing.policy import VerificationPolicy
from signing.revocation.cache import RedisRevocationCache
from signing.verify import Verifier
from workers.jobs.diagnostics import ping
from workers.jobs.revocation import refresh_crls

QUEUE_NAME = "qaqpa:queue"


async def startup(ctx: dict[str, Any]) -> None:
    settings: Settings = ctx["settings"]
    ctx["engine"] = create_engine(settings.database_url, pool_size=settings.database_pool_size)
    policy = msgspec.convert(settings.verification_policy_fields(), VerificationPolicy)
    # arq's own connection pool speaks bytes, as the revocation cache needs.
    ctx["verifier"] = Verifier(policy, cache=RedisRevocationCache(ctx["redis"]))


async def shutdown(ctx: dict[str, Any]) -> None:
    # Also called when startup failed half-way: close what exists.
    if "verifier" in ctx:
        await ctx["verifier"].aclose()
    if "engine" in ctx:
        await ctx["engine"].dispose()


class WorkerSettings:
    """What every Qaqpa worker runs; :func:`worker_options` adds the environment's parts."""

    functions: ClassVar[list[Any]] = [ping]
    # CRLs live a day at NCA; every 10 minutes keeps them fresh well before nextUpdate.
    cron_jobs: ClassVar[list[Any]] = [
        cron(refresh_crls, minute=set(range(0, 60, 10)), run_at_startup=True, timeout=120)
    ]
    queue_name = QUEUE_NAME
    job_timeout = 60
    max_tries = 5
    keep_result = 3600
    health_check_interval = 10
    on_startup = startup
    on_shutdown = shutdown


def redis_settings(settings: Settings) -> RedisSettings:
    return RedisSettings.from_dsn(settings.redis_url)


def worker_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``arq.worker.create_worker(WorkerSettings, **options)``."""
    return {"redis_settings": redis_settings(settings), "ctx": {"settings": settings}}
