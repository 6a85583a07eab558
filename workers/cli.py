"""``qaqpa worker``: run an arq worker, or check the health of running ones.

The ``qaqpa`` group (``gateway/cli.py``) names this command by the string
``"workers.cli:worker"`` and imports it only when it is listed or run: the gateway's code
imports no ``workers`` module, and this one imports no ``gateway`` module.
"""

from __future__ import annotations

import sys

import click

from registry.cli_support import command_settings, serving_settings


@click.command("worker")
@click.option("--check", is_flag=True, help="Exit 0 if a worker reported healthy recently.")
@click.option("--burst", is_flag=True, help="Run queued jobs, then exit.")
def worker(check: bool, burst: bool) -> None:
    """Run an arq worker (or check the health of running ones)."""
    from arq.worker import check_health

    from registry.logs import configure_logging
    from workers.resilient import run_resilient_worker
    from workers.settings import QUEUE_NAME, WorkerSettings, redis_settings, worker_options

    if check:  # a health probe serves nothing: no production check
        settings = command_settings()
        sys.exit(
            check_health({"redis_settings": redis_settings(settings), "queue_name": QUEUE_NAME})
        )
    settings = serving_settings()
    configure_logging(settings.log_level, json=settings.log_json)
    # A Redis restart pauses the worker instead of ending it (workers/resilient.py).
    run_resilient_worker(WorkerSettings, burst=burst, **worker_options(settings))
