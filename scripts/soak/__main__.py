"""``make soak``: ``SOAK_SECONDS`` (1800) of mixed traffic on a throw-away loopback stack.

The traffic (scripts/soak/traffic.py) is intake, status reads, event streams, officer
decisions with the worker's signing, and public verification, at a modest paced rate. Every
:data:`scripts.soak.sampler.INTERVAL` seconds the RSS of the gateway (its process group), the
worker, Redis and PostgreSQL (postmaster and backends) is sampled, with PostgreSQL's and Redis'
connection counts. After the warm-up (a fifth of the run, at least one sample), the report
gives each process's RSS at the end of the warm-up and at the end, the growth, and the
connection counts' range (PostgreSQL is judged on its private memory, ``RssAnon``: its RSS
also counts the shared buffers it has touched, which fill up by design); figures are printed
and written to ``bench/results/soak.json``.
The exit code is 1 when an answer was an error, a process grew more than
:data:`MAX_GROWTH` after the warm-up, or the connection counts did not stay flat (the range
after the warm-up above :data:`MAX_CONNECTION_SPREAD`).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

from registry.settings import ENV_PREFIX
from scripts.loopstack import LoopStack, loop_stack, run_in_workdir
from scripts.officers import make_officers
from scripts.soak.sampler import Sampler, group_members, tree
from scripts.soak.traffic import Traffic, run_traffic

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results" / "soak.json"
MAX_GROWTH = 0.10
MAX_CONNECTION_SPREAD = 10


def _processes(stack: LoopStack) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for child in (stack.gateway, stack.worker):
        assert child.process is not None
        found[child.name] = group_members(child.process.pid)
    redis_pid = stack.redis._pid()
    found["redis"] = [redis_pid] if redis_pid else []
    postmaster = int(stack.postgres.pidfile.read_text().split("\n", 1)[0])
    found["postgres"] = tree(postmaster)
    return found


def _ratio(before: float, after: float) -> float:
    return round((after - before) / before, 3) if before else 0.0


def _growth(samples: list[dict[str, float]], seconds: float) -> dict[str, Any]:
    warm = [row for row in samples if row["t"] >= seconds / 5] or samples[-1:]
    start, end = warm[0], samples[-1]
    report: dict[str, Any] = {"warm_up_until_s": start["t"], "end_s": end["t"], "rss_kib": {}}
    for key in start:
        if key.startswith("rss_kib."):
            name = key.removeprefix("rss_kib.")
            anon = f"anon_kib.{name}"
            report["rss_kib"][name] = {
                "after_warm_up": start[key],
                "end": end[key],
                "growth": _ratio(start[key], end[key]),
                "private_after_warm_up": start[anon],
                "private_end": end[anon],
                "private_growth": _ratio(start[anon], end[anon]),
            }
    for key in ("postgres_connections", "redis_clients"):
        values = [row[key] for row in warm]
        report[key] = {"min": min(values), "max": max(values), "end": values[-1]}
    return report


def _violations(report: dict[str, Any], traffic: Traffic) -> list[str]:
    broken = [f"errors: {dict(traffic.errors)}"] if traffic.errors else []
    for name, figures in report["rss_kib"].items():
        # PostgreSQL's RSS counts the shared buffers its backends have touched, which fill up
        # to shared_buffers by design: its private memory is what a leak would grow.
        growth = figures["private_growth" if name == "postgres" else "growth"]
        if growth > MAX_GROWTH:
            broken.append(f"{name} RSS grew {growth:.1%} after the warm-up")
    for key in ("postgres_connections", "redis_clients"):
        if report[key]["max"] - report[key]["min"] > MAX_CONNECTION_SPREAD:
            broken.append(f"{key} not flat: {report[key]}")
    if not traffic.issued:
        broken.append("no result was signed")
    return broken


def soak(seconds: float, workdir: Path) -> tuple[dict[str, Any], list[str]]:
    overrides = {f"{ENV_PREFIX}SSE_MAX_SECONDS": "10"}
    with loop_stack(workdir, overrides) as stack:
        officers = asyncio.run(make_officers(stack.postgres.url))
        postgres = stack.postgres

        def connections() -> int:
            query = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            found = postgres._run(
                "psql", "-h", "127.0.0.1", "-p", str(postgres.port), "-U", postgres.user,
                "-d", postgres.database, "-tAc", query,
            )  # fmt: skip
            return int(found.stdout.strip()) - 1  # less psql itself

        sampler = Sampler(lambda: _processes(stack), connections, stack.redis.url)
        traffic = Traffic(
            stack.base, stack.api_key, stack.pki, officers, time.monotonic() + seconds
        )
        sampler.start()
        try:
            asyncio.run(run_traffic(traffic))
            sampler.samples.append(sampler.sample(time.monotonic() - seconds))
        finally:
            sampler.stop()
    report = _growth(sampler.samples, seconds)
    broken = _violations(report, traffic)
    results = {
        "seconds": seconds,
        "answers": dict(sorted(traffic.answers.items())),
        "errors": dict(traffic.errors),
        "results_signed": traffic.issued,
        **report,
        "samples": sampler.samples,
        "violations": broken,
    }
    return results, broken


def main() -> int:
    seconds = float(os.environ.get("SOAK_SECONDS", "1800"))
    return run_in_workdir(
        "soak",
        RESULTS,
        partial(soak, seconds),
        shown=lambda results: {k: v for k, v in results.items() if k != "samples"},
    )


if __name__ == "__main__":
    sys.exit(main())
