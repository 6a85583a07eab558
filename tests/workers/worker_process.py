"""A real ``qaqpa worker`` process for tests: start, wait until ready, stop, kill, restart.

The worker is the ``.venv/bin/qaqpa`` entry point with the test session's settings passed
as ``QAQPA_*`` variables (any ``QAQPA_*`` of the calling environment is dropped), and a short
job timeout: a job whose worker was killed is run again when its arq in-progress key
expires, which is the longest job timeout + 10 s (see workers/settings.py).

Readiness is the ``worker_started`` log line, written at the end of arq's on_startup (the
relay runs, the engine exists); each start writes a new log file under ``log_dir``, which a
failing test can show with :meth:`WorkerProcess.log_text`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import msgspec

from registry.settings import ENV_PREFIX, Settings

QAQPA = Path(sys.executable).with_name("qaqpa")
READY_MARKER = "worker_started"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0


class WorkerProcessError(RuntimeError):
    """The worker did not start or stop as expected (the message ends with its log)."""


def settings_env(settings: Settings, **overrides: object) -> dict[str, str]:
    """The process environment for ``settings``: every field as its ``QAQPA_*`` variable."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(ENV_PREFIX)}
    values = msgspec.to_builtins(settings) | overrides
    for name, value in values.items():
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        env[ENV_PREFIX + name.upper()] = text
    return env


class WorkerProcess:
    """One worker subprocess, restartable; at most one instance of it runs at a time."""

    def __init__(
        self,
        settings: Settings,
        log_dir: Path,
        *,
        job_timeout: float = 5.0,
        name: str = "worker",
        **overrides: object,
    ) -> None:
        self.job_timeout = job_timeout
        self.env = settings_env(
            settings,
            job_timeout_seconds=job_timeout,
            log_json=True,
            log_level="INFO",
            **overrides,
        )
        self._log_dir = log_dir
        self._name = name
        self._starts = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._log_path: Path | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self.running and self._process else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def recovery_seconds(self) -> float:
        """How long after a job started arq waits before running it again once it is killed."""
        return self.job_timeout + 10

    def start(self, timeout: float = START_TIMEOUT) -> None:
        """Start the worker and return once its startup hook has finished."""
        if self.running:
            raise WorkerProcessError("the worker already runs")
        self._starts += 1
        self._log_path = self._log_dir / f"{self._name}-{self._starts}.log"
        with self._log_path.open("wb") as log:
            self._process = subprocess.Popen(
                [str(QAQPA), "worker"],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a Ctrl-C of pytest does not reach it first
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._ready():
                return
            if self._process.poll() is not None:
                raise WorkerProcessError(
                    f"worker exited with {self._process.returncode} during start\n"
                    + self.log_text()
                )
            time.sleep(0.05)
        self.kill()
        raise WorkerProcessError(f"worker not ready within {timeout:.0f}s\n" + self.log_text())

    def stop(self, timeout: float = STOP_TIMEOUT) -> int:
        """SIGTERM: arq cancels running jobs and re-queues them at once; returns the exit code."""
        process = self._require_process()
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired as exc:
            process.kill()
            process.wait()
            raise WorkerProcessError("worker ignored SIGTERM\n" + self.log_text()) from exc

    def terminate(self) -> None:
        """Send SIGTERM and return at once (:meth:`wait` for the exit)."""
        self._require_process().send_signal(signal.SIGTERM)

    def wait(self, timeout: float = STOP_TIMEOUT) -> int:
        """The exit code, once the worker has exited (``subprocess.TimeoutExpired`` else)."""
        assert self._process is not None
        return self._process.wait(timeout)

    def kill(self) -> int:
        """SIGKILL, as a crash: running jobs stay in-progress until their key expires."""
        process = self._require_process()
        process.kill()
        return process.wait()

    def restart(self, timeout: float = START_TIMEOUT) -> None:
        """Start again after :meth:`stop` or :meth:`kill` (a running worker is stopped first)."""
        if self.running:
            self.stop()
        self.start(timeout)

    def close(self) -> None:
        """Kill the worker if it still runs (fixture teardown)."""
        if self.running:
            self.kill()

    def log_text(self) -> str:
        """The log of the latest start."""
        if self._log_path is None or not self._log_path.exists():
            return ""
        return self._log_path.read_text(encoding="utf-8", errors="replace")

    def log_events(self) -> list[dict[str, object]]:
        """The JSON log lines of the latest start (other lines are skipped)."""
        events: list[dict[str, object]] = []
        for line in self.log_text().splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict):
                events.append(event)
        return events

    def _ready(self) -> bool:
        return any(event.get("event") == READY_MARKER for event in self.log_events())

    def _require_process(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            raise WorkerProcessError("the worker does not run")
        return self._process
