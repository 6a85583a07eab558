"""S1 green corridor: latency from POST of a declaration to ``release_permitted``.

On a throw-away stack on loopback (PostgreSQL, Redis, the local test PKI, the gateway served
as ``qaqpa run`` serves it, one ``qaqpa worker``), one declaration at a time: POST the signed
declaration, then read its status every few milliseconds until it is ``release_permitted``
(intake, the outbox relay, the registration job with the control, numbering, risk selection,
write-off and release, all in the worker). Figures: p50 and p95 of that latency

(a) idle;
(b) while intake runs at half its maximum rate, measured in the same run (wrk posting signed
    declarant-certificate applications, whose registration jobs the same worker also runs).

The lanes' minimum random rates are set to 0 first so that every declaration is green (the
corridor measured), and the declarant's personal account is topped up through the API.
``QAQPA_BENCH_WORKERS`` (default 1) sets how many worker processes run. Goal: p95 <= 1.5 s
idle. Results go to ``bench/results/customs.json`` and stdout.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from asn1crypto import x509
from sqlalchemy import text

from bench.bench_intake import _gateway, _gateway_env, _stack
from bench.figures import save_figures
from bench.intake_payloads import BenchPki, signed_requests_lua, start_test_pki
from bench.loadgen import LoadResult, paced_script, wrk
from registry.db import create_engine, session_factory
from registry.domains import example_application
from registry.partners.repository import create_partner
from testkit.pki.config import LEAF_KEYS, LEGAL_BIN
from testkit.pki.keys import load_private_key
from testkit.pki.sign import sign_cms

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "customs.json"
DECLARATIONS = int(os.environ.get("QAQPA_BENCH_DECLARATIONS", "40"))
WORKERS = int(os.environ.get("QAQPA_BENCH_WORKERS", "1"))
CONNECTIONS = 32
MAX_SECONDS = 5
POLL_SECONDS = 0.01
TIMEOUT_SECONDS = 30.0
SIGNER = "legal-sign"
WORKER_LOG = Path(tempfile.gettempdir()) / "qaqpa-bench-customs-worker.log"


async def _setup(database_url: str) -> tuple[str, str]:
    """A submitting partner and a payments partner (API keys); every lane green-only."""
    engine = create_engine(database_url, pool_size=1)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        _, submit_key = await create_partner(session, "bench", ["submit", "read"])
        _, payments_key = await create_partner(session, "bench-bank", ["payments"])
        await session.execute(text("UPDATE risk_lanes SET min_random_rate = 0"))
    await engine.dispose()
    return submit_key, payments_key


def _declarations(pki: BenchPki, count: int, tag: str) -> list[bytes]:
    """``count`` distinct signed declarations of LEGAL_BIN (low-risk example: green)."""
    built = pki.built
    cert = x509.Certificate.load(built.cert_der(SIGNER))
    key = load_private_key(built.directory, LEAF_KEYS[SIGNER])
    template = example_application("customs-release", bin=LEGAL_BIN)
    bodies = []
    for serial in range(count):
        template["applicant"]["contacts"]["email"] = f"bench.{tag}.{serial}@example.kz"
        document = json.dumps(template, ensure_ascii=False).encode()
        signature = sign_cms(document, cert, key, detached=True)
        bodies.append(
            json.dumps(
                {
                    "document": base64.b64encode(document).decode(),
                    "signature": base64.b64encode(signature).decode(),
                }
            ).encode()
        )
    return bodies


def _request(url: str, key: str, body: bytes | None = None) -> dict[str, object]:
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    if body is not None:
        headers["Idempotency-Key"] = str(uuid.uuid4())
    request = urllib.request.Request(
        url, data=body, headers=headers, method="POST" if body is not None else "GET"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        decoded: dict[str, object] = json.loads(response.read())
        return decoded


def _release_latency(base: str, key: str, body: bytes) -> float:
    """Seconds from the POST to the first status read showing ``release_permitted``
    (``inf`` when not released within ``TIMEOUT_SECONDS``).

    A random pause first: posting right after the previous release would phase-lock the
    measurement to the worker's queue polling (arq polls every 0.5 s) and always measure
    its worst case.
    """
    time.sleep(random.uniform(0, 0.5))
    started = time.perf_counter()
    application_id = _request(base + "/v1/applications", key, body)["id"]
    deadline = started + TIMEOUT_SECONDS
    while time.perf_counter() < deadline:
        status = _request(f"{base}/v1/applications/{application_id}", key)["status"]
        if status == "release_permitted":
            return time.perf_counter() - started
        if status in ("payment_required", "under_control", "registration_refused"):
            raise RuntimeError(f"declaration {application_id} went to {status}")
        time.sleep(POLL_SECONDS)
    return float("inf")


async def _received(database_url: str) -> int:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            count = await connection.scalar(
                text("SELECT count(*) FROM applications WHERE status = 'received'")
            )
    finally:
        await engine.dispose()
    return int(count or 0)


def _drain(database_url: str, timeout: float = 300.0) -> float:
    """Wait until the worker has registered every application; the seconds it took."""
    started = time.monotonic()
    while asyncio.run(_received(database_url)) > 0:
        if time.monotonic() - started > timeout:
            raise RuntimeError("the worker did not catch up with intake")
        time.sleep(0.5)
    return time.monotonic() - started


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _figures(measured: list[float]) -> dict[str, float | int]:
    latencies = [value for value in measured if value != float("inf")] or [float("inf")]
    return {
        "declarations": len(measured),
        "not_released_in_30s": len(measured) - len([v for v in measured if v != float("inf")]),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * _percentile(latencies, 0.95), 1),
        "max_ms": round(1000 * max(latencies), 1),
    }


@contextmanager
def _workers(env: dict[str, str], log: Path, count: int) -> Iterator[None]:
    """``count`` worker processes, all logging to ``log``; returns once every one started."""
    qaqpa = str(Path(sys.executable).with_name("qaqpa"))
    processes = []
    with log.open("wb") as out:
        for _ in range(count):
            processes.append(
                subprocess.Popen([qaqpa, "worker"], env=env, stdout=out, stderr=subprocess.STDOUT)
            )
    try:
        deadline = time.monotonic() + 60
        while log.read_bytes().count(b"worker_started") < count:
            if any(p.poll() is not None for p in processes) or time.monotonic() > deadline:
                raise RuntimeError("a worker did not start:\n" + log.read_text(errors="replace"))
            time.sleep(0.1)
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="qaqpa-bench-customs-"))
    workdir.chmod(0o755)
    try:
        with _stack(workdir) as (postgres, redis), start_test_pki(workdir / "pki") as pki:
            submit_key, payments_key = asyncio.run(_setup(postgres.url))
            env = _gateway_env(pki, postgres, redis) | {"QAQPA_LOG_JSON": "true"}
            idle_bodies = _declarations(pki, DECLARATIONS + 3, "idle")
            loaded_bodies = _declarations(pki, DECLARATIONS, "loaded")
            with (
                _gateway(env) as (base, _),
                _workers({**env, "QAQPA_LOG_LEVEL": "INFO"}, workdir / "worker.log", WORKERS),
            ):
                auth = {"Authorization": f"Bearer {submit_key}"}
                _request(
                    f"{base}/v1/customs/accounts/{LEGAL_BIN}/top-ups",
                    payments_key,
                    json.dumps(
                        {"payment_reference": "BENCH-1", "amount": "999999999999.00"}
                    ).encode(),
                )
                for body in idle_bodies[:3]:  # warm-up: caches, connections, imports
                    _release_latency(base, submit_key, body)
                idle = [_release_latency(base, submit_key, body) for body in idle_bodies[3:]]
                print("idle:", json.dumps(_figures(idle)), flush=True)

                submit = base + "/v1/applications"
                max_lua = signed_requests_lua(pki, workdir, 250 * MAX_SECONDS, "max")
                maximum = wrk(
                    submit,
                    connections=CONNECTIONS,
                    seconds=MAX_SECONDS,
                    script=max_lua,
                    headers=auth,
                )
                drained = _drain(postgres.url)  # the max run's registrations, before (b)
                half = maximum.requests_per_second / 2
                seconds = int(DECLARATIONS * max(statistics.median(idle), 0.2) * 3) + 5
                paced_lua = signed_requests_lua(pki, workdir, int(half * seconds) + 10, "half")
                delay_ms = 1000 * CONNECTIONS / half - 1000 / maximum.requests_per_second
                background: dict[str, LoadResult] = {}

                def load() -> None:
                    background["result"] = wrk(
                        submit,
                        connections=CONNECTIONS,
                        seconds=seconds,
                        script=paced_script(delay_ms, paced_lua),
                        headers=auth,
                    )

                thread = threading.Thread(target=load)
                thread.start()
                time.sleep(1.0)  # let the paced load settle
                loaded = []
                for body in loaded_bodies:  # only while the background load runs
                    if not thread.is_alive():
                        break
                    loaded.append(_release_latency(base, submit_key, body))
                thread.join()
    finally:
        if (workdir / "worker.log").exists():
            shutil.copy(workdir / "worker.log", WORKER_LOG)
        shutil.rmtree(workdir, ignore_errors=True)

    paced = background["result"]
    results = {
        "workers": WORKERS,
        "a_idle": _figures(idle),
        "b_under_half_intake": _figures(loaded),
        "intake_max_rate": round(maximum.requests_per_second, 1),
        "worker_backlog_after_max_run_s": round(drained, 1),
        "intake_background": {
            "rate": round(paced.requests_per_second, 1),
            "p50_ms": round(paced.p50_ms, 2),
            "p99_ms": round(paced.p99_ms, 2),
            "non_2xx": paced.non_2xx,
        },
        "goals": {"idle_p95<=1500ms": _percentile(idle, 0.95) <= 1.5},
    }
    save_figures(results, RESULTS)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
