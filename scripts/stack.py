"""Local PostgreSQL and Redis servers under a data directory, listening on 127.0.0.1 only.

One implementation serves both ``make run`` (``scripts/run.py``) and the test harness
(``tests/conftest.py``), so the stack a developer runs is the stack the tests run against.
PostgreSQL refuses to run as root; when we are root, its commands run as the ``postgres``
system user (``QAQPA_PG_OS_USER`` to choose another), who then owns the cluster directory.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

MIN_PG_MAJOR = 15


class StackError(RuntimeError):
    """A local server could not be prepared, started or stopped."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    """Block until something accepts TCP connections on 127.0.0.1:``port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise StackError(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f}s")


def process_alive(pid: int) -> bool:
    """Whether ``pid`` is a live process: a zombie (exited, not yet reaped) is not.

    ``os.kill(pid, 0)`` succeeds on a zombie, so a killed Redis or PostgreSQL whose parent had
    not reaped it yet looked "running" and was not started again. Linux shows the state in
    ``/proc/PID/stat`` (the field after the parenthesised command name); our own child is
    reaped here as well.
    """
    with contextlib.suppress(ChildProcessError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's live process
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc: trust kill(0)
    return stat.rsplit(")", 1)[-1].split()[0] not in {"Z", "X"}


@functools.cache
def pg_bindir() -> Path:
    """The directory of PostgreSQL >= 15 server binaries: from PATH, else the newest installed."""
    on_path = shutil.which("pg_ctl")
    candidates = [Path(on_path).resolve().parent] if on_path else []
    candidates += sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    for bindir in candidates:
        if not (bindir / "initdb").exists():
            continue
        version = subprocess.run(
            [str(bindir / "pg_ctl"), "--version"], capture_output=True, text=True, check=True
        ).stdout.split()[-1]
        if int(version.split(".")[0]) >= MIN_PG_MAJOR:
            return bindir
    raise StackError(
        f"PostgreSQL >= {MIN_PG_MAJOR} server binaries (initdb, pg_ctl) not found; "
        "install postgresql-15 or put its bin directory on PATH"
    )


def _pg_os_user() -> str | None:
    """The unprivileged user to run PostgreSQL as, or None when we are not root."""
    if os.geteuid() != 0:
        return None
    user = os.environ.get("QAQPA_PG_OS_USER", "postgres")
    try:
        pwd.getpwnam(user)
    except KeyError as exc:
        raise StackError(
            f"running as root, and PostgreSQL will not; create the system user {user!r} "
            "or set QAQPA_PG_OS_USER to an existing unprivileged user"
        ) from exc
    return user


@dataclass
class PostgresServer:
    """A PostgreSQL cluster in ``datadir`` serving one database on 127.0.0.1:``port``.

    ``durable=False`` (tests) turns off fsync: a crash may lose the cluster, which the test
    harness throws away anyway.
    """

    datadir: Path
    port: int
    database: str = "qaqpa"
    user: str = "qaqpa"
    durable: bool = True

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the database (asyncpg driver)."""
        return f"postgresql+asyncpg://{self.user}@127.0.0.1:{self.port}/{self.database}"

    @property
    def logfile(self) -> Path:
        return self.datadir.parent / "postgresql.log"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(pg_bindir() / args[0]), *args[1:]]
        os_user = _pg_os_user()
        if os_user is not None:
            command = ["runuser", "-u", os_user, "--", *command]
        # A session of its own keeps a terminal's Ctrl-C away from the postmaster: we stop it.
        return subprocess.run(
            command, capture_output=True, text=True, check=check, start_new_session=True
        )

    def _prepare_dirs(self) -> None:
        self.datadir.parent.mkdir(parents=True, exist_ok=True)
        os_user = _pg_os_user()
        if os_user is not None:
            entry = pwd.getpwnam(os_user)
            os.chown(self.datadir.parent, entry.pw_uid, entry.pw_gid)

    @property
    def initialised(self) -> bool:
        return (self.datadir / "PG_VERSION").exists()

    def initialise(self) -> None:
        """Create the cluster (trust auth on loopback only) unless it exists."""
        if self.initialised:
            return
        self._prepare_dirs()
        result = self._run(
            "initdb",
            "-D",
            str(self.datadir),
            "-U",
            self.user,
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
            check=False,
        )
        if result.returncode != 0:
            hint = ""
            if "Permission denied" in result.stderr:
                hint = (
                    f"\nPostgreSQL runs as {_pg_os_user()!r}: every parent directory of "
                    f"{self.datadir} must be searchable by that user (chmod o+x), "
                    "or choose another QAQPA_DATA_DIR"
                )
            raise StackError(f"initdb failed: {result.stderr.strip()}{hint}")

    @property
    def pidfile(self) -> Path:
        return self.datadir / "postmaster.pid"

    def _zombie_postmaster(self) -> bool:
        """Whether postmaster.pid names a dead or zombie process (pg_ctl takes it as running)."""
        try:
            pid = int(self.pidfile.read_text().split("\n", 1)[0])
        except (FileNotFoundError, ValueError):
            return False
        return not process_alive(pid)

    @property
    def running(self) -> bool:
        if not self.initialised:
            return False
        if self._zombie_postmaster():
            # The postmaster is gone and holds nothing: its lock file would only make the next
            # start refuse (PostgreSQL's own check is kill(pid, 0), true of a zombie).
            self.pidfile.unlink(missing_ok=True)
            return False
        return self._run("pg_ctl", "status", "-D", str(self.datadir), check=False).returncode == 0

    def start(self) -> None:
        """Start the server (initialising it first) and create the database if missing."""
        self.initialise()
        if not self.running:
            options = [
                "-c listen_addresses=127.0.0.1",
                f"-c port={self.port}",
                f"-c unix_socket_directories={self.datadir}",
                "-c max_connections=200",
            ]
            if not self.durable:
                options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
            result = self._run(
                "pg_ctl",
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(self.datadir),
                "-l",
                str(self.logfile),
                "-o",
                " ".join(options),
                check=False,
            )
            if result.returncode != 0:
                tail = (
                    self.logfile.read_text(errors="replace")[-2000:]
                    if self.logfile.exists()
                    else ""
                )
                raise StackError(f"PostgreSQL did not start: {result.stderr.strip()}\n{tail}")
        self._create_database()

    def _create_database(self) -> None:
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", self.database):
            raise StackError(f"database name {self.database!r}: use lowercase letters, digits, _")
        connect = ["-h", "127.0.0.1", "-p", str(self.port), "-U", self.user]
        exists = self._run(
            "psql",
            *connect,
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{self.database}'",  # noqa: S608 - checked
        ).stdout.strip()
        if exists != "1":
            self._run("createdb", *connect, self.database)

    def stop(self) -> None:
        """Stop the server if it runs (fast shutdown: open sessions are ended)."""
        if self.running:
            self._run("pg_ctl", "stop", "-D", str(self.datadir), "-m", "fast", "-w", check=False)


@dataclass
class RedisServer:
    """A Redis server in ``datadir`` on 127.0.0.1:``port``.

    ``persistent=False`` (tests) turns snapshots off; the local stack keeps them, and an
    append-only file, so a second ``make run`` finds its queue as it left it.
    """

    datadir: Path
    port: int
    persistent: bool = True

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def pidfile(self) -> Path:
        return self.datadir / "redis.pid"

    def _pid(self) -> int | None:
        try:
            pid = int(self.pidfile.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        return pid if process_alive(pid) else None

    @property
    def running(self) -> bool:
        return self._pid() is not None

    def start(self) -> None:
        """Start the server (daemonised, with a pidfile) and wait until it accepts connections."""
        binary = shutil.which("redis-server")
        if binary is None:
            raise StackError(
                "redis-server not found; install it (Debian: apt-get install redis-server)"
            )
        self.datadir.mkdir(parents=True, exist_ok=True)
        if not self.running:
            command = [
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--dir",
                str(self.datadir),
                "--daemonize",
                "yes",
                "--pidfile",
                str(self.pidfile),
                "--logfile",
                str(self.datadir / "redis.log"),
                "--protected-mode",
                "yes",
            ]
            if self.persistent:
                # AOF as well as snapshots: a killed Redis comes back with the jobs queued
                # up to the last second, not the last snapshot (the reconciler would replay
                # the rest, but only after QAQPA_OUTBOX_RECONCILE_SECONDS).
                command += ["--appendonly", "yes", "--appendfsync", "everysec"]
            else:
                command += ["--save", "", "--appendonly", "no"]
            subprocess.run(command, check=True, start_new_session=True)
        wait_for_port(self.port)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server if it runs, waiting until the process is gone."""
        pid = self._pid()
        if pid is None:
            return
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not process_alive(pid):
                break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
        self.pidfile.unlink(missing_ok=True)
