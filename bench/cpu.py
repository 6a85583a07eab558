"""CPU time a process tree spent, from /proc: a cost per request that a busy machine bends less.

Requests per second fall when other work shares the cores; the gateway's CPU seconds per
request mostly do not (cache contention aside). The benchmark reports both, so a run on a
shared machine still says what a change bought.
"""

from __future__ import annotations

import os
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _own_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    # After the command name: utime and stime are the 12th and 13th fields.
    return (int(fields[11]) + int(fields[12])) / _TICKS


def tree_cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of ``pid`` and its living descendants."""
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        total += _own_seconds(current)
        pending += _children(current)
    return total
