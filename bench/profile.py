"""Sampling profiles of the gateway under load (py-spy), summed to their top frames.

``QAQPA_BENCH_PROFILE=DIR make bench`` records each load phase of the intake benchmark with
``py-spy record --subprocesses`` on the served process (granian's workers are its children)
into ``DIR/<phase>.txt`` (py-spy's "raw" collapsed stacks: load them in speedscope or
flamegraph.pl) and prints the frames that take the most samples: *self* (the frame itself
was running) and *total* (the frame was anywhere on the stack), as a share of samples.
py-spy needs ptrace rights over the process: root, or ``kernel.yama.ptrace_scope=0``.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROFILE_DIR_ENV = "QAQPA_BENCH_PROFILE"
TOP = 15
# py-spy names a frame "function (path/to/module.py:line)"; the line is dropped so that
# one function is one row whatever line of it was running.
_LINE = re.compile(r":\d+\)$")


def profile_dir() -> Path | None:
    value = os.environ.get(PROFILE_DIR_ENV)
    return Path(value) if value else None


@contextmanager
def recorded(pid: int, phase: str) -> Iterator[None]:
    """Sample ``pid`` and its children while the block runs (nothing when not asked for)."""
    directory = profile_dir()
    beside = Path(sys.executable).with_name("py-spy")  # the dev dependency in .venv
    binary = str(beside) if beside.exists() else shutil.which("py-spy")
    if directory is None or binary is None:
        yield
        return
    directory.mkdir(parents=True, exist_ok=True)
    output = directory / f"{phase}.txt"
    command = [binary, "record", "--subprocesses", "--format", "raw", "--nonblocking"]
    command += ["--rate", "200", "--pid", str(pid), "--output", str(output)]
    recorder = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        recorder.send_signal(signal.SIGINT)  # py-spy writes its file on Ctrl-C
        recorder.wait(timeout=60)
    if output.exists():
        print(f"-- profile {phase}: {output}")
        print(top_frames(output.read_text()))


def _frame(text: str) -> str:
    return _LINE.sub(")", text.strip())


def top_frames(collapsed: str, top: int = TOP) -> str:
    """The ``top`` frames by self and by total samples of py-spy's collapsed stacks."""
    own: Counter[str] = Counter()
    anywhere: Counter[str] = Counter()
    samples = 0
    for line in collapsed.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [_frame(part) for part in stack.split(";")]
        frames = [frame for frame in frames if not frame.startswith("process ")]
        if not frames:
            continue
        samples += count
        own[frames[-1]] += count
        for frame in set(frames):
            anywhere[frame] += count
    if not samples:
        return "   (no samples)"
    rows = [f"   {samples} samples; self %  | frame"]
    rows += [f"   {100 * n / samples:6.1f}  | {frame}" for frame, n in own.most_common(top)]
    rows += ["   total % | frame"]
    rows += [f"   {100 * n / samples:6.1f}  | {frame}" for frame, n in anywhere.most_common(top)]
    return "\n".join(rows)
