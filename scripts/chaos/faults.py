"""The four faults of a chaos run, each followed by a restart about a second later.

The gateway and the worker are restarted by their supervisor (scripts/supervise.py, as under
``make run``: about :data:`scripts.supervise.FIRST_DELAY` after they died); Redis and
PostgreSQL by :class:`Faults` itself through scripts/stack.py, as an operator or a service
manager would. Every fault is recorded with its start and end (seconds since the run began).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from scripts.loopstack import stop_child
from scripts.stack import PostgresServer, RedisServer, process_alive
from scripts.supervise import Supervised

RESTART_AFTER = 1.0
KINDS = ("worker", "gateway", "redis", "postgres")


@dataclass
class FaultRecord:
    kind: str
    at: float
    restarted_at: float


@dataclass
class Faults:
    """The processes a run may kill, their supervision, and the record of what was done."""

    gateway: Supervised
    worker: Supervised
    postgres: PostgresServer
    redis: RedisServer
    started: float = field(default_factory=time.monotonic)
    records: list[FaultRecord] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.monotonic() - self.started

    def supervise(self) -> None:
        """Restart a dead gateway or worker in a background thread until :meth:`close`."""

        def loop() -> None:
            while not self._stop.wait(0.1):
                with self._lock:
                    for child in (self.gateway, self.worker):
                        child.check(time.monotonic())

        self._thread = threading.Thread(target=loop, name="chaos-supervisor", daemon=True)
        self._thread.start()

    def inject(self, kind: str) -> FaultRecord:
        """Kill ``kind`` and (for the databases) start it again; blocks until it is back."""
        at = self.now()
        action: Callable[[], None] = getattr(self, f"_{kind}")
        action()
        record = FaultRecord(kind, round(at, 2), round(self.now(), 2))
        self.records.append(record)
        print(f"[{at:7.1f}s] fault {kind}: back at {record.restarted_at:.1f}s", flush=True)
        return record

    def _kill_group(self, child: Supervised) -> None:
        process = child.process
        assert process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        # The supervisor notices the death and restarts it after its delay.
        deadline = time.monotonic() + 30
        while (child.process is process or child.process is None) and time.monotonic() < deadline:
            time.sleep(0.05)

    def _worker(self) -> None:
        self._kill_group(self.worker)

    def _gateway(self) -> None:
        self._kill_group(self.gateway)

    def _redis(self) -> None:
        pid = self.redis._pid()
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            while process_alive(pid):
                time.sleep(0.01)
        time.sleep(RESTART_AFTER)
        self.redis.start()

    def _postgres(self) -> None:
        self.postgres._run(
            "pg_ctl", "stop", "-D", str(self.postgres.datadir), "-m", "immediate", "-w", check=False
        )
        time.sleep(RESTART_AFTER)
        self.postgres.start()

    def close(self) -> None:
        """Stop supervising, then stop the gateway and the worker (SIGTERM, then SIGKILL)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        for child in (self.gateway, self.worker):
            stop_child(child, timeout=20)
