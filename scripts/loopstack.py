"""A throw-away stack on loopback for the harnesses (``make chaos``, ``make soak``).

PostgreSQL (fsync on) and Redis (append-only file on), as ``make run`` keeps them, on free
ports under a temporary directory; the local test PKI; the gateway and one worker as
:class:`scripts.supervise.Supervised` children (logs under ``WORKDIR/logs``), the worker
holding the SoftHSM2 test keys so it signs results; one partner. Everything stops when the
block ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from bench.intake_payloads import BenchPki, start_test_pki
from registry.db import create_engine, session_factory
from registry.migrate import upgrade
from registry.partners.repository import create_partner
from registry.settings import ENV_PREFIX
from scripts.stack import PostgresServer, RedisServer, free_port
from scripts.supervise import Supervised
from testkit.keystore import local_keystore_config
from testkit.pki.officers import init_provider_hsm
from testkit.seed import load_seed

QAQPA = str(Path(sys.executable).with_name("qaqpa"))
STOP_TIMEOUT = 30.0


@dataclass
class LoopStack:
    workdir: Path
    postgres: PostgresServer
    redis: RedisServer
    pki: BenchPki
    env: dict[str, str]
    gateway: Supervised
    worker: Supervised
    partner_id: uuid.UUID
    api_key: str

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.env[ENV_PREFIX + 'PORT']}"


def wait_ready(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(url, timeout=2) as response,  # noqa: S310 - loopback
        ):
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{url} not ready within {timeout:.0f}s")


async def _partner(database_url: str) -> tuple[uuid.UUID, str]:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with session_factory(engine)() as session, session.begin():
            partner, api_key = await create_partner(session, "harness", ["submit", "read"])
        return partner.id, api_key
    finally:
        await engine.dispose()


def _signing_env(pki: BenchPki, workdir: Path) -> dict[str, str]:
    """The worker's key store: the provider officers' test keys on a SoftHSM2 token."""
    built = pki.built
    hsm = init_provider_hsm(built, workdir / "softhsm")
    config = msgspec.structs.replace(local_keystore_config(built.directory, hsm), pin=None)
    keystore = workdir / "keystore.json"
    keystore.write_bytes(msgspec.json.encode(config))
    return {
        **hsm.env(),
        ENV_PREFIX + "KEYSTORE": str(keystore),
        ENV_PREFIX + "PKCS11_PIN": hsm.pin,
        ENV_PREFIX + "TSA_URL": built.tsa_url(),
    }


def _env(
    postgres: PostgresServer, redis: RedisServer, pki: BenchPki, workdir: Path,
    overrides: Mapping[str, str],
) -> dict[str, str]:  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
    return (
        env
        | pki.gateway_env
        | _signing_env(pki, workdir)
        | {
            f"{ENV_PREFIX}DATABASE_URL": postgres.url,
            f"{ENV_PREFIX}REDIS_URL": redis.url,
            f"{ENV_PREFIX}PORT": str(free_port()),
            f"{ENV_PREFIX}DATA_DIR": str(workdir / "data"),
            f"{ENV_PREFIX}RATE_LIMIT": "100000000/minute",
            f"{ENV_PREFIX}CLIENT_RATE_LIMIT": "100000000/minute",
            f"{ENV_PREFIX}PUBLIC_RATE_LIMIT": "100000000/minute",
            f"{ENV_PREFIX}LOG_LEVEL": "WARNING",
        }
        | dict(overrides)
    )


def stop_child(child: Supervised, timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM the child's process group, SIGKILL after ``timeout`` seconds."""
    process = child.process
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run_in_workdir(
    name: str,
    results_path: Path,
    run: Callable[[Path], tuple[dict[str, Any], list[str]]],
    shown: Callable[[dict[str, Any]], object] = lambda results: results,
) -> int:
    """``make chaos`` / ``make soak``: ``run`` in a fresh work folder, its results written as JSON
    to ``results_path`` and printed (``shown`` picks what); exit status 1 and the folder kept
    (its logs) when the run found anything broken, else the folder is removed."""
    workdir = Path(tempfile.mkdtemp(prefix=f"qaqpa-{name}-"))
    workdir.chmod(0o755)  # PostgreSQL runs as its own user when we are root
    broken = ["the run did not finish"]
    try:
        results, broken = run(workdir)
        results_path.parent.mkdir(parents=True, exist_ok=True)
        results_path.write_text(json.dumps(results, indent=2) + "\n")
        print(json.dumps(shown(results), indent=2))
    finally:
        if broken:
            print(f"{name}: FAILED; logs kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 1 if broken else 0


@contextmanager
def loop_stack(workdir: Path, overrides: Mapping[str, str]) -> Iterator[LoopStack]:
    """The stack, up and ready (``overrides``: more ``QAQPA_*`` for the gateway and worker)."""
    postgres = PostgresServer(workdir / "pg" / "data", free_port(), durable=True)
    redis = RedisServer(workdir / "redis", free_port(), persistent=True)
    postgres.start()
    redis.start()
    children: list[Supervised] = []
    try:
        upgrade(postgres.url)
        load_seed(postgres.url)
        with start_test_pki(workdir / "pki") as pki:
            partner_id, api_key = asyncio.run(_partner(postgres.url))
            env = _env(postgres, redis, pki, workdir, overrides)
            logs = workdir / "logs"
            logs.mkdir(exist_ok=True)
            gateway = Supervised("gateway", [QAQPA, "run"], env, log=logs / "gateway.log")
            worker = Supervised("worker", [QAQPA, "worker"], env, log=logs / "worker.log")
            children += [gateway, worker]
            gateway.spawn()
            worker.spawn()
            stack = LoopStack(
                workdir, postgres, redis, pki, env, gateway, worker, partner_id, api_key
            )
            wait_ready(stack.base + "/health/ready")
            yield stack
    finally:
        for child in children:
            stop_child(child)
        redis.stop()
        postgres.stop()
