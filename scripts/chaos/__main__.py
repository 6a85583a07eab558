"""``make chaos``: N signed submissions while every process of the stack is killed once.

On a throw-away stack on loopback (PostgreSQL with fsync, Redis with its append-only file as
under ``make run``, the local test PKI, one gateway and one worker under the supervisor of
scripts/supervise.py), ``CHAOS_N`` (5000) distinct signed applications are sent by
``CHAOS_CONCURRENCY`` (16) clients that retry with the same Idempotency-Key
(scripts/chaos/client.py). During the send, at even fractions of it, the worker and the gateway
are SIGKILLed, Redis is SIGKILLed and PostgreSQL is stopped with ``pg_ctl stop -m immediate``,
each restarted about a second later (scripts/chaos/faults.py; ``CHAOS_FAULTS`` picks which).
The signing half (scripts/chaos/signing.py): ``CHAOS_SIGN`` S3 results, taken to the signer's
step before the send, are approved by the signer at even fractions of it and signed by the
worker. Then the run waits until nothing is left in ``received`` or ``signing`` and the outbox
is empty of work, and checks PostgreSQL (scripts/chaos/checks.py). The figures are printed
and written to ``bench/results/chaos.json``; the exit code is 1 when a rule is broken or the
stack did not drain within ``CHAOS_DRAIN_SECONDS``. Everything started is stopped at the end;
the logs are kept (and their directory named) only when the run failed.

The worker runs with ``QAQPA_JOB_TIMEOUT_SECONDS`` = ``CHAOS_JOB_TIMEOUT`` (10) and
``QAQPA_OUTBOX_RECONCILE_SECONDS`` = ``CHAOS_RECONCILE_SECONDS`` (30): the time to drain after
a fault is bounded by those (a killed job runs again once its arq key expires, the job timeout
+ 10 s; a job Redis lost is sent again by the reconciler, whose cron runs each minute).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import uuid
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench.intake_payloads import signed_bodies
from registry.db import create_engine, session_factory
from registry.settings import ENV_PREFIX
from scripts.chaos import checks
from scripts.chaos.client import SendReport, send_all
from scripts.chaos.faults import KINDS, Faults
from scripts.chaos.signing import Approvals, approve_during, prepare
from scripts.chaos.signing import figures as signing_figures
from scripts.loopstack import LoopStack, loop_stack, run_in_workdir
from scripts.officers import make_officers

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results" / "chaos.json"
QAQPA = str(Path(sys.executable).with_name("qaqpa"))
FAULT_GAP = 3.0  # seconds at least between one fault's restart and the next fault


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


class Config:
    """The run's knobs, from ``CHAOS_*`` variables."""

    def __init__(self) -> None:
        self.n = _int("CHAOS_N", 5000)
        self.concurrency = _int("CHAOS_CONCURRENCY", 16)
        kinds = os.environ.get("CHAOS_FAULTS", ",".join(KINDS))
        self.faults = [kind for kind in kinds.split(",") if kind]
        unknown = set(self.faults) - set(KINDS)
        if unknown:
            raise SystemExit(f"CHAOS_FAULTS: unknown {sorted(unknown)}; known: {KINDS}")
        # Results the signer approves during the faults (the signing half).
        self.sign = _int("CHAOS_SIGN", min(max(self.n // 100, 5), 200))
        self.job_timeout = _int("CHAOS_JOB_TIMEOUT", 10)
        self.reconcile = _int("CHAOS_RECONCILE_SECONDS", 30)
        # The reconciler's cron runs once a minute: its period, a re-run, and some margin; and
        # the registrations still queued when the send ends (the backlog: on a shared 2-core
        # machine the worker registers ~25/s while intake accepts more) take their own time.
        self.drain_limit = _int(
            "CHAOS_DRAIN_SECONDS", self.job_timeout + 10 + self.reconcile + 60 + 30 + 300
        )


def _moments(n: int, count: int) -> list[int]:
    """``count`` points at even fractions of ``n`` submissions settled."""
    return [n * (i + 1) // (count + 1) for i in range(count)]


async def _send_with_faults(
    stack: LoopStack, bodies: list[bytes], cfg: Config, faults: Faults, approvals: Approvals,
    signer: dict[str, str],
) -> tuple[SendReport, float, float]:  # fmt: skip
    """The send, with the faults and the signer's approvals at even fractions of it;
    (report, send seconds, last fault)."""
    thresholds = _moments(cfg.n, len(cfg.faults))
    reached = [asyncio.Event() for _ in thresholds]
    approval_thresholds = _moments(cfg.n, len(approvals.tasks))
    approval_moments = [asyncio.Event() for _ in approval_thresholds]

    def on_progress(sent: int) -> None:
        for threshold, event in zip(
            thresholds + approval_thresholds, reached + approval_moments, strict=True
        ):
            if sent >= threshold:
                event.set()

    async def inject_all() -> None:
        for kind, event in zip(cfg.faults, reached, strict=True):
            await event.wait()
            # Apart from the previous one, so each fault meets a stack that had recovered.
            if faults.records:
                await asyncio.sleep(faults.records[-1].restarted_at + FAULT_GAP - faults.now())
            await asyncio.to_thread(faults.inject, kind)

    started = faults.now()
    injector = asyncio.create_task(inject_all())
    approving = asyncio.create_task(approve_during(stack.base, signer, approvals, approval_moments))
    report = await send_all(
        stack.base, stack.api_key, bodies, concurrency=cfg.concurrency, tag="run",
        on_progress=on_progress,
    )  # fmt: skip
    await injector  # a fault started near the end finishes its restart
    await approving  # every approval answered
    send_seconds = faults.now() - started
    last_fault = max((record.restarted_at for record in faults.records), default=started)
    return report, send_seconds, last_fault


async def _drain(database_url: str, partner_id: uuid.UUID, limit: float) -> tuple[bool, int | None]:
    """Poll until nothing is in ``received`` and every outbox row is done, or ``limit`` passes;
    whether it drained, and the backlog (applications in ``received``) when the wait began."""
    engine = create_engine(database_url, pool_size=1)
    deadline = time.monotonic() + limit
    found: dict[str, int] = {}
    backlog: int | None = None
    try:
        while time.monotonic() < deadline:
            try:
                async with session_factory(engine)() as session:
                    found = await checks.counts(session, partner_id)
            except Exception:  # the database may still be coming back
                found = {}
            if found and backlog is None:
                backlog = found["stuck_received"]
            if found and not (
                found["stuck_received"]
                or found["stuck_signing"]
                or found["outbox_unsent"]
                or found["outbox_not_done"]
            ):
                return True, backlog
            await asyncio.sleep(0.5)
        return False, backlog
    finally:
        await engine.dispose()


async def _check(
    database_url: str, partner_id: uuid.UUID, accepted: list[str], approvals: Approvals
) -> tuple[dict[str, Any], list[str]]:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with session_factory(engine)() as session:
            found = await checks.counts(session, partner_id)
            journals = await checks.journal_faults(session)
            chains = await checks.chain_faults(session)
            signed = await checks.signing_faults(session, approvals.approved, approvals.unclear)
            stored = (
                (
                    await session.execute(
                        text("SELECT id::text FROM applications WHERE partner_id = :p"),
                        {"p": partner_id},
                    )
                )
                .scalars()
                .all()
            )
    finally:
        await engine.dispose()
    broken = checks.violations(found, journals, chains, signed, accepted, stored)
    if len(approvals.approved) + len(approvals.unclear) != len(approvals.tasks):
        broken.append(f"approvals not answered: {dict(approvals.final_errors)}")
    signing = {**signing_figures(approvals), **signed}
    return {
        "counts": found,
        "journals": journals,
        "hash_chains": chains,
        "signing": signing,
    }, broken


def _overrides(cfg: Config) -> dict[str, str]:
    return {
        f"{ENV_PREFIX}JOB_TIMEOUT_SECONDS": str(cfg.job_timeout),
        f"{ENV_PREFIX}OUTBOX_RECONCILE_SECONDS": str(cfg.reconcile),
    }


def run(cfg: Config, workdir: Path) -> tuple[dict[str, Any], list[str]]:
    with loop_stack(workdir, _overrides(cfg)) as stack:
        started = time.monotonic()
        url = stack.postgres.url
        bodies = list(signed_bodies(stack.pki, cfg.n, uuid.uuid4().hex[:8]))
        officers = asyncio.run(make_officers(url))
        prepared, tasks = asyncio.run(
            prepare(stack.base, stack.api_key, url, stack.pki, officers, cfg.sign)
        )
        approvals = Approvals(tasks=tasks)
        print(
            f"{cfg.n} signed bodies, {cfg.sign} results awaiting the signer, "
            f"in {time.monotonic() - started:.1f}s",
            flush=True,
        )
        faults = Faults(stack.gateway, stack.worker, stack.postgres, stack.redis)
        faults.supervise()
        try:
            report, send_seconds, last_fault = asyncio.run(
                _send_with_faults(stack, bodies, cfg, faults, approvals, officers.signer)
            )
            print(f"sent in {send_seconds:.1f}s; draining", flush=True)
            drained, backlog = asyncio.run(_drain(url, stack.partner_id, cfg.drain_limit))
            drained_at = faults.now()
            accepted = [*report.accepted.values(), *prepared.accepted.values()]
            figures, broken = asyncio.run(_check(url, stack.partner_id, accepted, approvals))
        finally:
            faults.close()
    if not drained:
        broken.append(f"not drained within {cfg.drain_limit}s of the end of the send")
    results = {
        "submissions": cfg.n,
        "concurrency": cfg.concurrency,
        "signer_approvals": cfg.sign,
        "job_timeout_seconds": cfg.job_timeout,
        "outbox_reconcile_seconds": cfg.reconcile,
        "faults": [vars(record) for record in faults.records],
        "send_seconds": round(send_seconds, 1),
        "accepted": len(report.accepted),
        "submissions_that_needed_retries": report.retried_submissions,
        "retries": report.retries,
        "retry_reasons": dict(report.reasons),
        "final_errors": dict(report.final_errors),
        "received_when_the_send_ended": backlog,
        "drained": drained,
        "drained_seconds_after_last_fault": round(drained_at - last_fault, 1) if drained else None,
        **figures,
        "violations": broken,
    }
    return results, broken


def main() -> int:
    return run_in_workdir("chaos", RESULTS, partial(run, Config()))


if __name__ == "__main__":
    sys.exit(main())
