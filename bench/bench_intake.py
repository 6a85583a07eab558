"""Intake and status-read throughput against ceilings measured in the same run.

All on loopback, on a throw-away stack (PostgreSQL, Redis, the local test PKI, the gateway
served by granian exactly as ``qaqpa run`` serves it):

(a) ceiling: ``GET /health/live``, a trivial JSON route on the same server;
(b) database ceiling: pgbench replaying intake's INSERT transaction at the same concurrency;
(c) intake of distinct valid signed applications (warm revocation caches): rate, p50, p99,
    and the same at 80 % of that rate;
(d) status reads with a warm cache: rate, p50, p99, and the same at 80 % of that rate;
each for 1 and 2 HTTP workers (``QAQPA_BENCH_WORKERS``; empty: none), ``QAQPA_BENCH_SECONDS``
a phase; then (e) the growth check on a stack of its own, at 10 thousand and at
``QAQPA_BENCH_GROWTH_ROWS`` stored applications (:mod:`bench.growth`, seeded by
:mod:`bench.seed`).
Goals (issue 18): (c) >= 0.10 x (a) with p99 <= 100 ms at 80 %; (d) >= 0.6 x (a) with
p99 <= 20 ms at 80 %. Longer term: (c) >= 0.7 x (b); (d) >= 0.8 x (a), p99 <= 10 ms.
Results go to ``bench/results/latest.json`` and stdout; ``QAQPA_BENCH_PROFILE=DIR`` adds
py-spy profiles of the load phases (:mod:`bench.profile`).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import growth
from bench.cpu import tree_cpu_seconds
from bench.figures import save_figures
from bench.intake_payloads import BenchPki, signed_requests_lua, start_test_pki
from bench.loadgen import LoadResult, paced_script, wrk
from bench.profile import recorded
from bench.seed import SeedReport, seed_to
from registry.applications.intake import NewApplication, record_submission
from registry.db import create_engine, session_factory
from registry.migrate import upgrade
from registry.partners.repository import create_partner
from scripts.stack import PostgresServer, RedisServer, free_port, pg_bindir

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("QAQPA_BENCH_RESULTS", ROOT / "bench" / "results" / "latest.json"))
CONNECTIONS = 32
SECONDS = int(os.environ.get("QAQPA_BENCH_SECONDS", "10"))
# More than intake can take per second here, so no body is sent twice in one run.
BODIES_PER_SECOND = int(os.environ.get("QAQPA_BENCH_BODIES_PER_SECOND", "1600"))
# HTTP worker processes of the gateway, one pass each (``make bench-quick``: 1 only).
PROBE_SECONDS = 2  # the short run that calibrates the pace of the runs at 80 %
WORKERS = [int(n) for n in os.environ.get("QAQPA_BENCH_WORKERS", "1,2").split(",") if n]

PGBENCH_INTAKE = """
\\set a random(1, 99999999)
\\set b random(1, 999999999999)
BEGIN;
INSERT INTO idempotency_records (partner_id, key, request_sha256, status_code, response_body)
  VALUES (:partner, 'bench:' || :a || ':' || :b, repeat('a', 64), 202,
          convert_to(repeat('x', 250), 'UTF8')) ON CONFLICT DO NOTHING;
INSERT INTO applications (id, partner_id, service, status, current_step, applicant_iin,
  applicant_name, signature_format, signed_document, signature, document_sha256, form, signer,
  received_at, counts_from, registration_due_at)
  VALUES ((lpad(:a::text, 8, '0') || '-0000-4000-8000-' || lpad(:b::text, 12, '0'))::uuid,
          :partner, 'declarant-certificate', 'received', 'registration', '871008401427',
          'Bench', 'cms-detached', convert_to(repeat('d', 3200), 'UTF8'),
          convert_to(repeat('s', 1800), 'UTF8'), repeat('b', 64), '{"a": 1}', '{"iin": "1"}',
          now(), now(), now());
INSERT INTO attachments (application_id, name, media_type, sha256, size, content)
  VALUES ((lpad(:a::text, 8, '0') || '-0000-4000-8000-' || lpad(:b::text, 12, '0'))::uuid,
          'scan.pdf', 'application/pdf', repeat('c', 64), 600,
          convert_to(repeat('p', 600), 'UTF8'));
INSERT INTO events (application_id, seq, kind, actor, data, occurred_at, prev_hash, hash)
  VALUES ((lpad(:a::text, 8, '0') || '-0000-4000-8000-' || lpad(:b::text, 12, '0'))::uuid,
          1, 'received', 'bench', '{"a": 1}', now(), repeat('0', 64),
          md5(random()::text) || md5(random()::text));
INSERT INTO outbox (id, job, payload) VALUES (gen_random_uuid(), 'register_application', '{}');
COMMIT;
"""


def _wait_ready(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} not ready")


@contextmanager
def _stack(workdir: Path) -> Iterator[tuple[PostgresServer, RedisServer]]:
    postgres = PostgresServer(workdir / "pg" / "data", free_port(), durable=True)
    redis = RedisServer(workdir / "redis", free_port(), persistent=False)
    postgres.start()
    redis.start()
    try:
        upgrade(postgres.url)
        yield postgres, redis
    finally:
        redis.stop()
        postgres.stop()


def _gateway_env(pki: BenchPki, postgres: PostgresServer, redis: RedisServer) -> dict[str, str]:
    """The gateway's (and workers') environment over the bench stack, with no rate limit."""
    return {
        **os.environ,
        **pki.gateway_env,
        "QAQPA_PORT": str(free_port()),
        "QAQPA_DATABASE_URL": postgres.url,
        "QAQPA_REDIS_URL": redis.url,
        "QAQPA_RATE_LIMIT": "100000000/minute",
        "QAQPA_CLIENT_RATE_LIMIT": "100000000/minute",  # the load comes from one address
        "QAQPA_LOG_LEVEL": "WARNING",
    }


@contextmanager
def _gateway(env: dict[str, str]) -> Iterator[tuple[str, int]]:
    qaqpa = str(Path(sys.executable).with_name("qaqpa"))
    process = subprocess.Popen(
        [qaqpa, "run"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{env['QAQPA_PORT']}"
    try:
        _wait_ready(base + "/health/ready")
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def _stored_application(partner_id: uuid.UUID) -> NewApplication:
    """An application to read (its content does not matter to the status read)."""
    document = b'{"service": "declarant-certificate", "note": "bench"}'
    received = datetime.now(UTC)
    return NewApplication(
        id=uuid.uuid4(),
        partner_id=partner_id,
        service="declarant-certificate",
        applicant_iin="871008401427",
        applicant_bin=None,
        applicant_name="Bench",
        signature_format="cms-detached",
        signed_document=document,
        signature=b"\x30\x00",
        document_sha256=hashlib.sha256(document).hexdigest(),
        form={"note": "bench"},
        signer={"iin": "871008401427"},
        received_at=received,
        counts_from=received,
        registration_due_at=received + timedelta(hours=1),
        attachments=[],
    )


async def _partner_and_application(database_url: str) -> tuple[str, str, str]:
    """A partner (id, key) and one stored application id for the status reads."""
    engine = create_engine(database_url, pool_size=1)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        partner, api_key = await create_partner(session, "bench", ["submit", "read"])
    new = _stored_application(partner.id)
    await record_submission(
        sessions,
        new,
        idempotency_key="bench-read",
        request_sha256="r",
        status_code=202,
        response_body=b"{}",
    )
    await engine.dispose()
    return str(partner.id), api_key, str(new.id)


def _pgbench(postgres: PostgresServer, partner_id: str, workdir: Path) -> float:
    script = workdir / "intake.sql"
    script.write_text(PGBENCH_INTAKE)
    script.chmod(0o644)
    output = subprocess.run(
        [
            str(pg_bindir() / "pgbench"),
            "-n",
            "-h",
            "127.0.0.1",
            "-p",
            str(postgres.port),
            "-U",
            "qaqpa",
            "-c",
            str(CONNECTIONS),
            "-j",
            "2",
            "-T",
            str(SECONDS),
            "-D",
            f"partner='{partner_id}'",
            "-f",
            str(script),
            "qaqpa",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in output.splitlines():
        if line.startswith("tps ="):
            return float(line.split()[2])
    raise RuntimeError(f"pgbench printed no tps:\n{output}")


def _figures(
    result: LoadResult, cpu_seconds: float | None = None, database_seconds: float | None = None
) -> dict[str, float | int]:
    figures: dict[str, float | int] = {
        "rate": round(result.requests_per_second, 1),
        "p50_ms": round(result.p50_ms, 2),
        "p99_ms": round(result.p99_ms, 2),
        "requests": result.requests,
        "non_2xx": result.non_2xx,
    }
    if cpu_seconds is not None and result.requests:
        # The gateway's CPU per request: less bent by other work on the machine than the rate.
        figures["gateway_cpu_us_per_request"] = round(1e6 * cpu_seconds / result.requests)
    if database_seconds is not None and result.requests:
        # PostgreSQL's share on the same cores: intake competes with it, the trivial route not.
        figures["database_cpu_us_per_request"] = round(1e6 * database_seconds / result.requests)
    return figures


class _Metered:
    """The gateway's CPU seconds spent while the block ran."""

    def __init__(self, pid: int) -> None:
        self._pid = pid
        self.seconds = 0.0

    def __enter__(self) -> _Metered:
        self._start = tree_cpu_seconds(self._pid)
        return self

    def __exit__(self, *_: object) -> None:
        self.seconds = tree_cpu_seconds(self._pid) - self._start


def _paced(
    url: str, rate: float, headers: dict[str, str], body_lua: str = "", probe_lua: str = ""
) -> LoadResult:
    """A run offering about 80 % of ``rate``.

    wrk has no rate option: each connection pauses a whole number of milliseconds between
    requests. Below saturation a connection's cycle is its pause plus a roughly constant
    latency, so a short probe with the pause alone as the cycle (offering less than wanted)
    measures that latency, and the pause is shortened by it. (From the saturated side the
    rate hardly moves with the pause, so a correction from there does not converge.)
    """
    target = 0.8 * rate
    delay_ms = 1000 * CONNECTIONS / target
    probe = wrk(
        url,
        connections=CONNECTIONS,
        seconds=PROBE_SECONDS,
        script=paced_script(delay_ms, probe_lua),  # its own bodies: none is sent twice
        headers=headers,
    )
    if probe.requests_per_second > 0:
        seen_cycle = 1000 * CONNECTIONS / probe.requests_per_second
        delay_ms = max(0.0, delay_ms + 1000 * CONNECTIONS / target - seen_cycle)
    return wrk(
        url,
        connections=CONNECTIONS,
        seconds=SECONDS,
        script=paced_script(delay_ms, body_lua),
        headers=headers,
    )


def _postmaster_pid(postgres: PostgresServer) -> int:
    return int(postgres.pidfile.read_text().split("\n", 1)[0])


def _worker_run(
    env: dict[str, str],
    database_pid: int,
    workers: int,
    pki: BenchPki,
    workdir: Path,
    api_key: str,
    application_id: str,
) -> dict[str, Any]:
    """The trivial ceiling, reads and intake (each at its maximum and at 80 % of it)."""
    auth = {"Authorization": f"Bearer {api_key}"}
    tag = f"w{workers}"
    bodies = BODIES_PER_SECOND * SECONDS
    warm_lua = signed_requests_lua(pki, workdir, 200, f"{tag}-warm")
    max_lua = signed_requests_lua(pki, workdir, bodies, f"{tag}-max")
    paced_lua = signed_requests_lua(pki, workdir, bodies, f"{tag}-paced")
    probe_lua = signed_requests_lua(pki, workdir, BODIES_PER_SECOND * PROBE_SECONDS, f"{tag}-probe")
    with _gateway({**env, "QAQPA_HTTP_WORKERS": str(workers)}) as (base, pid):
        with _Metered(pid) as ceiling_cpu:
            ceiling = wrk(base + "/health/live", connections=CONNECTIONS, seconds=SECONDS)
        status_url = f"{base}/v1/applications/{application_id}"
        wrk(status_url, connections=4, seconds=1, headers=auth)  # fills the status cache
        with (
            recorded(pid, f"{tag}-reads"),
            _Metered(pid) as reads_cpu,
            _Metered(database_pid) as reads_db,
        ):
            reads = wrk(status_url, connections=CONNECTIONS, seconds=SECONDS, headers=auth)
        reads_paced = _paced(status_url, reads.requests_per_second, auth)
        # Distinct applications for each run; the warm-up fills the CRL/OCSP caches.
        submit = base + "/v1/applications"
        wrk(submit, connections=4, seconds=1, script=warm_lua, headers=auth)
        with (
            recorded(pid, f"{tag}-intake"),
            _Metered(pid) as intake_cpu,
            _Metered(database_pid) as intake_db,
        ):
            intake = wrk(
                submit, connections=CONNECTIONS, seconds=SECONDS, script=max_lua, headers=auth
            )
        intake_paced = _paced(submit, intake.requests_per_second, auth, paced_lua, probe_lua)
    trivial = ceiling.requests_per_second
    intake_ratio = intake.requests_per_second / trivial
    reads_ratio = reads.requests_per_second / trivial
    return {
        "http_workers": workers,
        "a_ceiling_trivial_route": _figures(ceiling, ceiling_cpu.seconds),
        "c_intake": _figures(intake, intake_cpu.seconds, intake_db.seconds),
        "c_intake_at_80_percent": _figures(intake_paced),
        "d_status_reads": _figures(reads, reads_cpu.seconds, reads_db.seconds),
        "d_status_reads_at_80_percent": _figures(reads_paced),
        # A body sent twice is an idempotent replay (cheaper than intake): must stay false.
        "bodies_reused": max(intake.requests, intake_paced.requests) > bodies,
        "ratios": {
            "intake_vs_a": round(intake_ratio, 3),
            "reads_vs_a": round(reads_ratio, 3),
        },
        "goals": {
            "intake_ratio>=0.10": intake_ratio >= 0.10,
            "intake_p99_at_80%<=100ms": intake_paced.p99_ms <= 100,
            "reads_ratio>=0.6": reads_ratio >= 0.6,
            "reads_p99_at_80%<=20ms": reads_paced.p99_ms <= 20,
        },
        "longer_term_goals": {
            "reads_ratio>=0.8": reads_ratio >= 0.8,
            "reads_p99_at_80%<=10ms": reads_paced.p99_ms <= 10,
        },
    }


def _seeded(database_url: str, total: int) -> SeedReport:
    report = asyncio.run(seed_to(database_url, total, partners=growth.PARTNERS))
    print(f"seeded {report.added} applications in {report.seconds} s", flush=True)
    return report


def _growth_point(
    env: dict[str, str],
    pki: BenchPki,
    workdir: Path,
    reading: tuple[str, str, str, str],
    report: SeedReport,
) -> dict[str, Any]:
    """The growth figures at the database's present size (one HTTP worker); ``reading``: the
    database URL, the bench partner's id and key, the application whose status is read."""
    database_url, partner_id, api_key, application_id = reading
    settling_seconds = asyncio.run(growth.settle(database_url))
    facts = asyncio.run(growth.stored(database_url, partner_id))
    spread_ids = facts.pop("spread_ids")
    tag = f"growth-{facts['applications']}"
    warm_lua = signed_requests_lua(pki, workdir, 200, f"{tag}-warm")
    intake_lua = signed_requests_lua(pki, workdir, BODIES_PER_SECOND * SECONDS, tag)
    with _gateway({**env, "QAQPA_HTTP_WORKERS": "1"}) as (base, pid):
        measured = growth.measure(
            base,
            pid,
            api_key,
            application_id,
            spread_ids=spread_ids,
            warm_lua=warm_lua,
            intake_lua=intake_lua,
            connections=CONNECTIONS,
            seconds=SECONDS,
        )
    return {
        **facts,
        "seeded": report.added,
        "seeding_seconds": report.seconds,
        "settling_seconds": settling_seconds,  # VACUUM (ANALYZE) and CHECKPOINT after seeding
        "database_mib": round(facts["database_bytes"] / 2**20),
        **measured,
    }


def _growth(pki: BenchPki, workdir: Path) -> dict[str, Any]:
    """(e): the same figures at ``growth.SMALL`` and at ``growth.LARGE`` stored applications."""
    with _stack(workdir / "growth") as (postgres, redis):
        partner_id, api_key, application_id = asyncio.run(_partner_and_application(postgres.url))
        env = _gateway_env(pki, postgres, redis)
        reading = (postgres.url, partner_id, api_key, application_id)
        small = _growth_point(env, pki, workdir, reading, _seeded(postgres.url, growth.SMALL))
        large = _growth_point(env, pki, workdir, reading, _seeded(postgres.url, growth.LARGE))
    return {"http_workers": 1, "small": small, "large": large, **growth.compare(small, large)}


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="qaqpa-bench-"))
    workdir.chmod(0o755)
    runs: list[dict[str, Any]] = []
    growth_figures: dict[str, Any] | None = None
    try:
        with start_test_pki(workdir / "pki") as pki:
            with _stack(workdir) as (postgres, redis):
                partner_id, api_key, application_id = asyncio.run(
                    _partner_and_application(postgres.url)
                )
                env = _gateway_env(pki, postgres, redis)
                for workers in WORKERS:
                    runs.append(
                        _worker_run(
                            env,
                            _postmaster_pid(postgres),
                            workers,
                            pki,
                            workdir,
                            api_key,
                            application_id,
                        )
                    )
                database = _pgbench(postgres, partner_id, workdir)
            if growth.LARGE > 0:
                growth_figures = _growth(pki, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    for run in runs:
        intake_rate = run["c_intake"]["rate"]
        run["ratios"]["intake_vs_b_database"] = round(intake_rate / database, 3)
        run["longer_term_goals"]["intake_vs_b>=0.7"] = intake_rate / database >= 0.7
    results: dict[str, Any] = {
        "connections": CONNECTIONS,
        "seconds": SECONDS,
        "cpus": os.cpu_count(),
        "b_ceiling_database_tps": round(database, 1),
        "runs": runs,
    }
    if growth_figures is not None:
        results["growth"] = growth_figures
    save_figures(results, RESULTS)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
