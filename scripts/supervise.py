"""Restart a dead gateway or worker of ``make run``, with back-off and a limit.

A killed worker used to take the whole stack down (the runner stopped everything when any child
exited). As a process manager would in production, the runner now starts it again: after
:data:`FIRST_DELAY` seconds, doubling up to :data:`MAX_DELAY`, at most :data:`MAX_RESTARTS`
times in a row; a child that then stays up for :data:`STABLE_AFTER` seconds has its count
reset. Past the limit the runner gives up and stops the stack, so a child that cannot start
(bad configuration) is not restarted forever.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

FIRST_DELAY = 1.0
MAX_DELAY = 30.0
MAX_RESTARTS = 5
STABLE_AFTER = 60.0


class GaveUpError(RuntimeError):
    """A child died more than :data:`MAX_RESTARTS` times in a row."""


@dataclass
class Supervised:
    """One restartable child: its command, the current process, and its restart record."""

    name: str
    command: Sequence[str]
    env: Mapping[str, str]
    process: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    started_at: float = 0.0
    restart_at: float | None = field(default=None)
    # Where its output goes (appended; each start after the last), else our own stdout.
    log: Path | None = None

    def spawn(self) -> subprocess.Popen[bytes]:
        # A session of its own: the runner stops it (and what it started) by process group.
        if self.log is None:
            self.process = subprocess.Popen(
                list(self.command), env=dict(self.env), start_new_session=True
            )
        else:
            with self.log.open("ab") as output:
                self.process = subprocess.Popen(
                    list(self.command),
                    env=dict(self.env),
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
        self.started_at = time.monotonic()
        self.restart_at = None
        return self.process

    def check(self, now: float) -> subprocess.Popen[bytes] | None:
        """Restart the child when it died and its delay has passed; the new process, if so.

        Raises :class:`GaveUpError` past the limit.
        """
        process = self.process
        if process is None or process.poll() is None:
            return None
        if self.restart_at is None:
            if now - self.started_at >= STABLE_AFTER:
                self.restarts = 0
            if self.restarts >= MAX_RESTARTS:
                raise GaveUpError(
                    f"{self.name} exited with {process.returncode} after {self.restarts} restarts"
                )
            delay = min(FIRST_DELAY * 2**self.restarts, MAX_DELAY)
            self.restarts += 1
            self.restart_at = now + delay
            print(
                f"{self.name} exited with {process.returncode}; restart {self.restarts} of "
                f"{MAX_RESTARTS} in {delay:.0f}s",
                flush=True,
            )
            return None
        if now < self.restart_at:
            return None
        return self.spawn()
