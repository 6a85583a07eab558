"""``make run`` / ``make stop``: the whole local stack in one foreground command.

``python -m scripts.run`` starts PostgreSQL and Redis under ``QAQPA_DATA_DIR`` (when the
configured URLs point at this machine), migrates, serves the local test PKI from
``QAQPA_DATA_DIR/pki`` on 127.0.0.1:``QAQPA_PKI_PORT`` (8731), starts the gateway (granian)
and one arq worker, waits until ``/health/ready`` answers 200 and prints the URLs. A gateway or
worker that dies is started again with back-off (scripts/supervise.py). Ctrl-C or SIGTERM
stops everything it started, in reverse order. ``python -m scripts.run stop`` stops a stack
left running (it signals the runner, or cleans up after one that died).
Every process inherits this environment, so ``QAQPA_*`` variables given to ``make run``
reach the gateway and the worker.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit

import msgspec

from registry.migrate import upgrade
from registry.settings import Settings, SettingsError, load_settings
from scripts.stack import PostgresServer, RedisServer, StackError
from scripts.supervise import GaveUpError, Supervised
from testkit.keystore import local_keystore_config
from testkit.pki.config import ARCH
from testkit.pki.officers import init_provider_hsm
from testkit.seed import load_seed

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0  # above the worker's shutdown grace (QAQPA_WORKER_SHUTDOWN_GRACE_SECONDS)
PR_SET_PDEATHSIG = 1


def signing_env(pki_dir: Path, data_dir: Path, pki_port: str) -> dict[str, str]:
    """TEST KEYS: a SoftHSM2 token with the provider's keys, the key store, the TSA, the root.

    The token lives in ``DATA_DIR/softhsm`` (reused when it already holds the keys), the key
    store configuration in ``DATA_DIR/keystore.json`` (no PIN in it), and the local root is
    written to ``DATA_DIR/pki/root.pem`` for outside verifiers (``pyhanko sign validate
    --trust``, ``xmlsec1 --trusted-pem``).
    """
    hsm = init_provider_hsm(pki_dir, data_dir / "softhsm")
    config = msgspec.structs.replace(local_keystore_config(pki_dir, hsm), pin=None)
    keystore = data_dir / "keystore.json"
    keystore.write_bytes(msgspec.json.encode(config))
    shutil.copyfile(pki_dir / "certs" / "root.pem", pki_dir / "root.pem")
    return {
        **hsm.env(),
        "QAQPA_KEYSTORE": str(keystore),
        "QAQPA_PKCS11_PIN": hsm.pin,
        "QAQPA_TSA_URL": f"http://127.0.0.1:{pki_port}/{ARCH}/tsa/tsa",
    }


@dataclass
class LocalStack:
    """The servers and files of one data directory."""

    settings: Settings

    @property
    def data_dir(self) -> Path:
        return Path(self.settings.data_dir).resolve()

    @property
    def state_file(self) -> Path:
        return self.data_dir / "run.json"

    @property
    def postgres(self) -> PostgresServer | None:
        url = urlsplit(self.settings.database_url)
        if url.hostname not in LOCAL_HOSTS:
            return None
        return PostgresServer(
            self.data_dir / "pg" / "data",
            url.port or 5432,
            database=url.path.lstrip("/") or "qaqpa",
            user=url.username or "qaqpa",
        )

    @property
    def redis(self) -> RedisServer | None:
        url = urlsplit(self.settings.redis_url)
        if url.hostname not in LOCAL_HOSTS:
            return None
        return RedisServer(self.data_dir / "redis", url.port or 6379)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stop_group(process_group: int, child: subprocess.Popen[bytes] | None = None) -> None:
    """SIGTERM a process group, then SIGKILL whatever is left after ``STOP_TIMEOUT``.

    ``child`` is the group leader when it is our own child: it must be reaped, or its zombie
    keeps the group looking alive.
    """
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process_group, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline:
        if child is not None:
            child.poll()
        try:
            os.killpg(process_group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process_group, signal.SIGKILL)
    if child is not None:
        child.wait()


def _wait_ready(
    url: str, children: list[subprocess.Popen[bytes]], supervise: Callable[[], None]
) -> None:
    """Until ``url`` answers 200; ``children`` must not die meanwhile, ``supervise`` restarts."""
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        supervise()
        for child in children:
            if child.poll() is not None:
                raise StackError(f"{child.args!r} exited with {child.returncode} during start")
        with (
            contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError),
            urllib.request.urlopen(url, timeout=2) as response,  # noqa: S310 - our own URL
        ):
            if response.status == 200:
                return
        time.sleep(0.2)
    raise StackError(f"{url} did not answer 200 within {READY_TIMEOUT:.0f}s")


def _wait_for_line(child: subprocess.Popen[bytes], marker: str, timeout: float = 60.0) -> None:
    """Block until ``child`` prints a line containing ``marker`` (echoed to our stdout)."""
    assert child.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([child.stdout], [], [], 0.5)
        if not ready:
            if child.poll() is not None:
                break
            continue
        line = child.stdout.readline().decode(errors="replace")
        print(line, end="", flush=True)
        if marker in line:
            return
        if not line and child.poll() is not None:
            break
    raise StackError(f"{child.args!r} did not report {marker!r} (exit code {child.poll()})")


class _StopRequestedError(Exception):
    """Raised by the signal handler to leave the foreground loop."""


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    raise _StopRequestedError(signal.Signals(signum).name)


def _another_runner(stack: LocalStack) -> bool:
    """True (said on stderr) when a live runner holds the stack; cleans up after a dead one."""
    if not stack.state_file.exists():
        return False
    previous = json.loads(stack.state_file.read_text())
    if _alive(previous["runner"]):
        print(
            f"a stack already runs (pid {previous['runner']}); `make stop` stops it",
            file=sys.stderr,
        )
        return True
    stop(stack)  # leftovers of a runner that was killed
    return False


def _children_env(pki_dir: Path, data_dir: Path, pki_port: str) -> dict[str, str]:
    """The gateway's and worker's environment: the caller's, with local defaults filled in."""
    env = dict(os.environ)
    env.setdefault("QAQPA_TRUST_ANCHORS", str(pki_dir / "trust"))
    env.setdefault("QAQPA_INTERMEDIATES", str(pki_dir / "intermediates.pem"))
    env.setdefault("QAQPA_SIMULATE_AGENCIES", "true")  # S8 agencies answer by themselves
    signing = signing_env(pki_dir, data_dir, pki_port)  # the worker signs with the test keys
    env.setdefault("QAQPA_TSA_URL", signing.pop("QAQPA_TSA_URL"))
    if "QAQPA_KEYSTORE" not in env:
        # The token, its key store and its PIN go together: a SOFTHSM2_CONF inherited alone (a
        # test process that opened its own token) would pair these certificates with other keys.
        env.update(signing)
    return env


def start(stack: LocalStack) -> int:
    """Run the stack in the foreground until a signal or a crashed child; return the exit code."""
    if _another_runner(stack):
        return 1
    # If `make` itself is killed, take the stack down with us.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)

    started_at = time.monotonic()
    children: list[subprocess.Popen[bytes]] = []
    postgres, redis = stack.postgres, stack.redis
    exit_code = 0
    try:
        stack.data_dir.mkdir(parents=True, exist_ok=True)
        qaqpa = str(Path(sys.executable).with_name("qaqpa"))
        # The local test PKI (CRL/OCSP/TSA on loopback) vouches for applicants' test keys
        # unless the caller configured real trust anchors. It builds while the databases start.
        pki_dir, pki_port = stack.data_dir / "pki", os.environ.get("QAQPA_PKI_PORT", "8731")
        pki_command = [qaqpa, "pki", "serve", str(pki_dir), "--port", pki_port]
        pki_server = subprocess.Popen(pki_command, stdout=subprocess.PIPE, start_new_session=True)
        children.append(pki_server)
        if postgres:
            postgres.start()
        if redis:
            redis.start()
        upgrade(stack.settings.database_url)
        load_seed(stack.settings.database_url)  # test identities in the local state database
        _wait_for_line(pki_server, "serving at")  # printed once the PKI files are written
        env = _children_env(pki_dir, stack.data_dir, pki_port)
        supervised = [
            Supervised("gateway", [qaqpa, "run"], env),
            Supervised("worker", [qaqpa, "worker"], env),
        ]
        children += [child.spawn() for child in supervised]
        _write_state(stack, children)
        base = f"http://{stack.settings.host}:{stack.settings.port}"

        def supervise() -> None:
            _restart_dead(stack, supervised, children)

        _wait_ready(base + "/health/ready", [pki_server], supervise)
        print(
            f"\nQaqpa is up in {time.monotonic() - started_at:.1f}s\n"
            f"  API                {base}/v1\n"
            f"  interactive docs   {base}/docs  (Swagger UI: {base}/docs/swagger)\n"
            f"  OpenAPI document   {base}/docs/openapi.json\n"
            f"  health             {base}/health/ready   metrics {base}/metrics\n"
            f"  test PKI           http://127.0.0.1:{pki_port}"
            f" (trusted: {env['QAQPA_TRUST_ANCHORS']})\n"
            f"  issued documents   signed with SoftHSM2 test keys, root {pki_dir / 'root.pem'}\n"
            f"  data               {stack.data_dir}\n"
            "Ctrl-C stops everything.\n",
            flush=True,
        )
        # The gateway and the worker are restarted when they die (scripts/supervise.py); the
        # test PKI is not, and its end stops the stack.
        while pki_server.poll() is None:
            time.sleep(0.5)
            supervise()
        print(f"{pki_server.args!r} exited with {pki_server.returncode}; stopping", file=sys.stderr)
        exit_code = 1
    except GaveUpError as exc:
        print(f"make run: {exc}; stopping", file=sys.stderr)
        exit_code = 1
    except _StopRequestedError as stop_signal:
        print(f"\n{stop_signal}: stopping the stack", file=sys.stderr)
    except (StackError, SettingsError) as exc:
        print(f"make run: {exc}", file=sys.stderr)
        exit_code = 1
    finally:
        # A second Ctrl-C must not interrupt the clean-up half-way.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        _stop_everything(stack, children, postgres, redis)
    return exit_code


def _restart_dead(
    stack: LocalStack, supervised: list[Supervised], children: list[subprocess.Popen[bytes]]
) -> None:
    """Restart the supervised children whose delay has passed; ``GaveUpError`` past the limit."""
    now = time.monotonic()
    for child in supervised:
        old = child.process
        restarted = child.check(now)
        if restarted is not None and old is not None:
            children[children.index(old)] = restarted
            _write_state(stack, children)  # `make stop` finds the new group


def _write_state(stack: LocalStack, children: list[subprocess.Popen[bytes]]) -> None:
    """Record the runner and its children's process groups for ``make stop``."""
    stack.state_file.write_text(
        json.dumps({"runner": os.getpid(), "groups": [child.pid for child in children]})
    )


def _stop_everything(
    stack: LocalStack,
    children: list[subprocess.Popen[bytes]],
    postgres: PostgresServer | None,
    redis: RedisServer | None,
) -> None:
    """Stop what :func:`start` started, newest first, and forget the state file."""
    for child in reversed(children):
        _stop_group(child.pid, child)
    if redis:
        redis.stop()
    if postgres:
        postgres.stop()
    stack.state_file.unlink(missing_ok=True)
    print("stopped", file=sys.stderr)


def stop(stack: LocalStack) -> int:
    """Stop a running stack: signal its runner, or clean up after a runner that died."""
    if stack.state_file.exists():
        state = json.loads(stack.state_file.read_text())
        runner = int(state["runner"])
        if runner != os.getpid() and _alive(runner):
            os.kill(runner, signal.SIGTERM)
            deadline = time.monotonic() + 3 * STOP_TIMEOUT
            while _alive(runner) and time.monotonic() < deadline:
                time.sleep(0.1)
            if not _alive(runner):
                return 0
        for group in state["groups"]:
            _stop_group(int(group))
        stack.state_file.unlink(missing_ok=True)
    if stack.redis:
        stack.redis.stop()
    if stack.postgres:
        stack.postgres.stop()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.run", description=__doc__)
    parser.add_argument("action", nargs="?", choices=["start", "stop"], default="start")
    action = parser.parse_args().action
    try:
        stack = LocalStack(load_settings())
    except SettingsError as exc:
        print(f"make {'run' if action == 'start' else 'stop'}: {exc}", file=sys.stderr)
        return 2
    return start(stack) if action == "start" else stop(stack)


if __name__ == "__main__":
    sys.exit(main())
