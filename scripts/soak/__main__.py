"""``make soak``: ``SOAK_SECONDS`` (1800) of mixed traffic on a throw-away loopback stack.

The traffic (scripts/soak/traffic.py) is intake, status reads, event streams, officer
decisions with the worker's signing, and public verification, at a modest paced rate. Every
:data:`scripts.soak.sampler.INTERVAL` seconds the memory of the gateway (its process group),
the worker, Redis and PostgreSQL (postmaster and backends) is sampled, with PostgreSQL's and
Redis' connection counts, Redis' dataset size and its keys by prefix.

The warm-up ends at the later of a fifth of the run and the moment the whole traffic mix has
been exercised once (every kind answered as expected, public verification of a result the
worker signed included): until then caches fill with what they will hold (PostgreSQL's
catalog and plan caches per backend, the status cache, kept job results for
``workers.settings.RESULT_KEEP_SECONDS``). The report gives each process's memory at the end
of the warm-up and at the end, and the growth:

- gateway, worker: RSS (``VmRSS``) of the process group;
- Redis: RSS of the process (what the issue means; ``used_memory``, the dataset alone, and
  the key counts are reported beside it to tell a growing dataset from the allocator);
- PostgreSQL: the private memory (``RssAnon``) of each process, judged per process (the
  largest growth among the processes alive at both ends). Its RSS counts the shared buffers a
  backend has touched, which fill up to ``shared_buffers`` by design, and the sum over its
  processes grows by a backend's ~5 MB whenever a pool opens one more connection: that is the
  connection count (judged on its own), not a process growing. The totals are reported too.

Figures are printed and written to ``bench/results/soak.json``. The exit code is 1 when an
answer was an error, a process grew more than :data:`MAX_GROWTH` after the warm-up, the
connection counts did not stay flat (the range after the warm-up above
:data:`MAX_CONNECTION_SPREAD`), or the traffic mix was never fully exercised.
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


def _per_process(start: dict[str, float], end: dict[str, float], name: str) -> dict[str, Any]:
    """The largest private-memory growth among ``name``'s processes alive at both samples."""
    prefix = f"anon_kib.{name}."
    both = [key for key in start if key.startswith(prefix) and key in end]
    worst = max(both, key=lambda key: _ratio(start[key], end[key]), default=None)
    if worst is None:
        return {"processes_compared": 0, "private_growth": 0.0}
    return {
        "processes_compared": len(both),
        "private_growth": _ratio(start[worst], end[worst]),
        "pid": int(worst.removeprefix(prefix)),
        "private_after_warm_up": start[worst],
        "private_end": end[worst],
    }


def _growth(samples: list[dict[str, float]], warm_up_s: float) -> dict[str, Any]:
    warm = [row for row in samples if row["t"] >= warm_up_s] or samples[-1:]
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
    report["rss_kib"]["postgres"]["per_process"] = _per_process(start, end, "postgres")
    for key in ("postgres_connections", "redis_clients"):
        values = [row[key] for row in warm]
        report[key] = {"min": min(values), "max": max(values), "end": values[-1]}
    report["redis_dataset"] = {
        key: {"after_warm_up": start.get(key, 0), "end": end.get(key, 0)}
        for key in sorted(set(start) | set(end))
        if key.startswith("redis_") and key != "redis_clients"
    }
    return report


def judged_growth(name: str, figures: dict[str, Any]) -> float:
    """The growth the rule applies to (see the module doc for why PostgreSQL's differs)."""
    if name == "postgres":
        return float(figures["per_process"]["private_growth"])
    return float(figures["growth"])


def _violations(report: dict[str, Any], traffic: Traffic) -> list[str]:
    broken = [f"errors: {dict(traffic.errors)}"] if traffic.errors else []
    for name, figures in report["rss_kib"].items():
        growth = judged_growth(name, figures)
        if growth > MAX_GROWTH:
            broken.append(f"{name} memory grew {growth:.1%} after the warm-up")
    for key in ("postgres_connections", "redis_clients"):
        if report[key]["max"] - report[key]["min"] > MAX_CONNECTION_SPREAD:
            broken.append(f"{key} not flat: {report[key]}")
    if not traffic.issued:
        broken.append("no result was signed")
    if traffic.mix_exercised_at() is None:
        broken.append(f"traffic mix not exercised: only {sorted(traffic.first)}")
    return broken


def warm_up_seconds(seconds: float, mix_exercised_s: float | None) -> float:
    """A fifth of the run, or longer if the traffic mix took longer to be exercised once."""
    return max(seconds / 5, mix_exercised_s or 0.0)


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
    mix_at = traffic.mix_exercised_at()
    mix_s = None if mix_at is None else round(mix_at - sampler.started, 1)
    report = _growth(sampler.samples, warm_up_seconds(seconds, mix_s))
    broken = _violations(report, traffic)
    results = {
        "seconds": seconds,
        "mix_exercised_s": mix_s,
        "rates_per_s": {
            kind: round(count / seconds, 2) for kind, count in sorted(traffic.answers.items())
        },
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
