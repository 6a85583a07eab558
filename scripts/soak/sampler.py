"""Samples of a soak run: RSS of each process (a process group counts as one), connections.

Read from ``/proc`` (RSS in ``/proc/PID/status``) and from the servers themselves
(``pg_stat_activity``, Redis ``INFO clients``), in a thread every :data:`INTERVAL` seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import redis

INTERVAL = 5.0


def rss_kib(pid: int, field_name: str = "VmRSS") -> int:
    """Resident memory of ``pid`` in KiB (0 when it is gone); ``RssAnon``: its private part."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    return 0


def _pids() -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def group_members(pgid: int) -> list[int]:
    """The processes of process group ``pgid`` (a gateway's granian workers, say)."""
    members = []
    for pid in _pids():
        if (fields := _stat(pid)) and int(fields[2]) == pgid:
            members.append(pid)
    return members


def tree(root: int) -> list[int]:
    """``root`` and every descendant (a postmaster's backends)."""
    children: dict[int, list[int]] = {}
    for pid in _pids():
        if fields := _stat(pid):
            children.setdefault(int(fields[1]), []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


@dataclass
class Sampler:
    """Every :data:`INTERVAL` s: ``processes()`` (name -> pids) RSS, and connection counts."""

    processes: Callable[[], dict[str, list[int]]]
    postgres_connections: Callable[[], int]
    redis_url: str
    samples: list[dict[str, float]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def sample(self, started: float) -> dict[str, float]:
        row: dict[str, float] = {"t": round(time.monotonic() - started, 1)}
        for name, pids in self.processes().items():
            row[f"rss_kib.{name}"] = sum(rss_kib(pid) for pid in pids)
            row[f"anon_kib.{name}"] = sum(rss_kib(pid, "RssAnon") for pid in pids)
        row["postgres_connections"] = self.postgres_connections()
        client = redis.Redis.from_url(self.redis_url)
        try:
            info: dict[str, Any] = client.info("clients")  # type: ignore[assignment]
            row["redis_clients"] = int(info["connected_clients"]) - 1  # less this one
        finally:
            client.close()
        return row

    def start(self) -> None:
        started = time.monotonic()

        def loop() -> None:
            while not self._stop.wait(INTERVAL):
                self.samples.append(self.sample(started))

        self._thread = threading.Thread(target=loop, name="soak-sampler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
