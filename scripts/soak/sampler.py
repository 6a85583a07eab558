"""Samples of a soak run: RSS of each process (a process group counts as one), connections.

Read from ``/proc`` (RSS in ``/proc/PID/status``) and from the servers themselves
(``pg_stat_activity``, Redis ``INFO clients`` and ``INFO memory``), in a thread every
:data:`INTERVAL` seconds. For the names in ``per_process`` (PostgreSQL: a postmaster and a
backend per connection) each process's private memory is kept too, under
``anon_kib.NAME.PID``: a pool opening one more connection adds a backend, which is not any
process growing. Redis' keys are counted by prefix (``redis_keys.PREFIX``, the first two
``:``-separated parts) so that growth can be traced to what holds it.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
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


def key_prefix(key: bytes) -> str:
    """``arq:result:1234`` -> ``arq:result``; a key without ``:`` is its own prefix."""
    return ":".join(key.decode(errors="replace").split(":", 2)[:2])


def redis_figures(client: redis.Redis) -> dict[str, float]:
    """Clients (less the sampler's own), the dataset's size, and key counts by prefix."""
    clients: dict[str, Any] = client.info("clients")  # type: ignore[assignment]
    memory: dict[str, Any] = client.info("memory")  # type: ignore[assignment]
    row: dict[str, float] = {
        "redis_clients": int(clients["connected_clients"]) - 1,
        "redis_used_memory": int(memory["used_memory"]),
    }
    prefixes = Counter(key_prefix(key) for key in client.scan_iter(count=1000))
    row.update({f"redis_keys.{prefix}": count for prefix, count in sorted(prefixes.items())})
    return row


@dataclass
class Sampler:
    """Every :data:`INTERVAL` s: ``processes()`` (name -> pids) RSS, and connection counts."""

    processes: Callable[[], dict[str, list[int]]]
    postgres_connections: Callable[[], int]
    redis_url: str
    per_process: frozenset[str] = frozenset({"postgres"})
    samples: list[dict[str, float]] = field(default_factory=list)
    started: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def sample(self, started: float) -> dict[str, float]:
        row: dict[str, float] = {"t": round(time.monotonic() - started, 1)}
        for name, pids in self.processes().items():
            row[f"rss_kib.{name}"] = sum(rss_kib(pid) for pid in pids)
            private = {pid: rss_kib(pid, "RssAnon") for pid in pids}
            row[f"anon_kib.{name}"] = sum(private.values())
            if name in self.per_process:
                row.update({f"anon_kib.{name}.{pid}": kib for pid, kib in private.items() if kib})
        row["postgres_connections"] = self.postgres_connections()
        client = redis.Redis.from_url(self.redis_url)
        try:
            row.update(redis_figures(client))
        finally:
            client.close()
        return row

    def start(self) -> None:
        self.started = time.monotonic()

        def loop() -> None:
            while not self._stop.wait(INTERVAL):
                self.samples.append(self.sample(self.started))

        self._thread = threading.Thread(target=loop, name="soak-sampler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
