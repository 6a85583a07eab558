"""A killed Redis or PostgreSQL not yet reaped (a zombie) is not running, so it is started again.

The zombie is real: a child of this test that has exited and that nothing has reaped yet.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.stack import PostgresServer, RedisServer


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]


@pytest.fixture
def zombie() -> Iterator[int]:
    process = subprocess.Popen(["true"])
    # Wait on the kernel's word, not a clock, without reaping: the state turns Z on exit.
    while _state(process.pid) != "Z":
        pass
    try:
        yield process.pid
    finally:
        process.poll()


def test_a_zombie_redis_is_not_running(tmp_path: Path, zombie: int) -> None:
    server = RedisServer(tmp_path / "redis", 1)
    server.datadir.mkdir()
    server.pidfile.write_text(f"{zombie}\n")
    assert not server.running


def test_a_zombie_postmaster_is_not_running(tmp_path: Path, zombie: int) -> None:
    server = PostgresServer(tmp_path / "pg", 1)
    server.datadir.mkdir()
    (server.datadir / "PG_VERSION").write_text("16\n")
    pidfile = server.datadir / "postmaster.pid"
    pidfile.write_text(f"{zombie}\n{server.datadir}\n")
    assert not server.running
    assert not pidfile.exists()  # a stale lock file would make the next start refuse
