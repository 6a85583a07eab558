"""`make run`'s runner end to end: start, serve, honour the environment, stop without leftovers,
and reuse its data on the next start."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import asyncpg
import pytest

from scripts.stack import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def stack_env() -> Iterator[dict[str, str]]:
    data_dir = Path(tempfile.mkdtemp(prefix="qaqpa-run-test-"))
    data_dir.chmod(0o755)
    env = {
        **os.environ,
        "QAQPA_DATA_DIR": str(data_dir),
        "QAQPA_PORT": str(free_port()),
        "QAQPA_DATABASE_URL": f"postgresql+asyncpg://qaqpa@127.0.0.1:{free_port()}/qaqpa",
        "QAQPA_REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
        "QAQPA_PKI_PORT": str(free_port()),
    }
    try:
        yield env
    finally:
        subprocess.run(
            [sys.executable, "-m", "scripts.run", "stop"], cwd=ROOT, env=env, check=False
        )
        shutil.rmtree(data_dir, ignore_errors=True)


def _start(env: dict[str, str]) -> subprocess.Popen[bytes]:
    runner = subprocess.Popen(
        [sys.executable, "-m", "scripts.run", "start"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{env['QAQPA_PORT']}/health/ready"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert runner.poll() is None, runner.stdout.read().decode() if runner.stdout else ""
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return runner
        except OSError:
            time.sleep(0.2)
    runner.kill()
    pytest.fail("the stack did not become ready")


def _port_open(port: str) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", int(port))) == 0


def _ports(env: dict[str, str]) -> list[str]:
    return [
        env["QAQPA_PORT"],
        env["QAQPA_PKI_PORT"],
        env["QAQPA_DATABASE_URL"].rsplit(":", 1)[1].split("/")[0],
        env["QAQPA_REDIS_URL"].rsplit(":", 1)[1].split("/")[0],
    ]


def _worker_healthy(env: dict[str, str]) -> bool:
    qaqpa = str(Path(sys.executable).with_name("qaqpa"))
    check = subprocess.run(
        [qaqpa, "worker", "--check"], env=env, capture_output=True, timeout=30, check=False
    )
    return check.returncode == 0


def _eventually(probe: Callable[[], bool], attempts: int = 50) -> bool:
    for _ in range(attempts):
        if probe():
            return True
        time.sleep(0.2)
    return False


def _stop(runner: subprocess.Popen[bytes], env: dict[str, str]) -> None:
    groups = json.loads((Path(env["QAQPA_DATA_DIR"]) / "run.json").read_text())["groups"]
    runner.send_signal(signal.SIGTERM)
    assert runner.wait(timeout=60) == 0
    for group in groups:
        with pytest.raises(ProcessLookupError):
            os.killpg(group, 0)
    assert [port for port in _ports(env) if _port_open(port)] == []
    assert not (Path(env["QAQPA_DATA_DIR"]) / "run.json").exists()


async def _fetch(env: dict[str, str], sql: str) -> object:
    dsn = env["QAQPA_DATABASE_URL"].replace("+asyncpg", "")
    connection = await asyncpg.connect(dsn)
    try:
        return await connection.fetchval(sql)
    finally:
        await connection.close()


def test_run_serves_stops_cleanly_and_reuses_its_data(stack_env: dict[str, str]) -> None:
    runner = _start(stack_env)
    # The environment reached the worker: it reports healthy on the configured Redis.
    assert _eventually(lambda: _worker_healthy(stack_env))
    asyncio.run(_fetch(stack_env, "CREATE TABLE run_marker (id int)"))
    _stop(runner, stack_env)

    runner = _start(stack_env)
    assert asyncio.run(_fetch(stack_env, "SELECT count(*) FROM run_marker")) == 0
    _stop(runner, stack_env)


def _groups(env: dict[str, str]) -> list[int]:
    try:
        state = json.loads((Path(env["QAQPA_DATA_DIR"]) / "run.json").read_text())
    except (FileNotFoundError, ValueError):  # being rewritten, or the runner stopped
        return []
    return [int(group) for group in state["groups"]]


def test_a_killed_worker_and_gateway_are_restarted_and_make_stop_still_works(
    stack_env: dict[str, str],
) -> None:
    runner = _start(stack_env)
    _pki, gateway, worker = _groups(stack_env)
    for group in (worker, gateway):
        os.killpg(group, signal.SIGKILL)
    # The runner stays, starts both again and records their new groups for `make stop`.
    restarted = _eventually(
        lambda: len(groups := _groups(stack_env)) == 3 and {gateway, worker}.isdisjoint(groups),
        200,
    )
    assert restarted, (
        runner.stdout.read().decode() if runner.poll() is not None and runner.stdout else ""
    )
    assert runner.poll() is None
    assert _eventually(lambda: _worker_healthy(stack_env), 200)
    url = f"http://127.0.0.1:{stack_env['QAQPA_PORT']}/health/ready"

    def ready() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    assert _eventually(ready, 200)
    groups = _groups(stack_env)
    stopped = subprocess.run(
        [sys.executable, "-m", "scripts.run", "stop"], cwd=ROOT, env=stack_env, check=False
    )
    assert stopped.returncode == 0
    runner.wait(timeout=60)
    for group in groups:
        with pytest.raises(ProcessLookupError):
            os.killpg(group, 0)
    assert [port for port in _ports(stack_env) if _port_open(port)] == []
    # And a second `make run` starts on the same data.
    _stop(_start(stack_env), stack_env)
