"""SIGTERM to a real ``qaqpa run``: in-flight requests are answered, and the stop is bounded.

granian lets in-flight requests finish, but with no limit: one client that stopped sending its
body half-way held a deploy's SIGTERM for ever (the gateway never exited).
``QAQPA_HTTP_SHUTDOWN_GRACE_SECONDS`` now bounds the wait (granian's ``workers_kill_timeout``),
while a request whose body arrives meanwhile still gets its answer, and an open event stream
does not hold the stop either.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.intake import record_submission
from registry.settings import Settings
from scripts.stack import free_port
from tests.applications.stored import new_application
from tests.conftest import PartnerKey
from tests.workers.worker_process import settings_env

QAQPA = str(Path(sys.executable).with_name("qaqpa"))
GRACE_SECONDS = 2
EXIT_WITHIN = 60.0  # a bound for the test only (without the grace it waited for ever)


class Gateway:
    def __init__(self, process: subprocess.Popen[bytes], port: int) -> None:
        self.process, self.port = process, port

    def connect(self) -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.port), timeout=30)


@pytest.fixture
def gateway(settings: Settings, tmp_path: Path) -> Iterator[Gateway]:
    port = free_port()
    env = settings_env(
        settings, port=port, http_shutdown_grace_seconds=GRACE_SECONDS, log_level="WARNING"
    )
    with (tmp_path / "gateway.log").open("wb") as log:
        process = subprocess.Popen(
            [QAQPA, "run"], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise
            time.sleep(0.1)
    try:
        yield Gateway(process, port)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def read_until(sock: socket.socket, marker: bytes) -> bytes:
    data = b""
    while marker not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


async def test_sigterm_answers_the_request_in_flight_and_ends_despite_an_open_stream(
    gateway: Gateway,
    sessions: async_sessionmaker[AsyncSession],
    make_partner: Callable[..., Awaitable[PartnerKey]],
) -> None:
    partner = await make_partner()
    application = new_application(partner.id)
    await record_submission(
        sessions,
        application,
        idempotency_key=f"shutdown-{application.id}",
        request_sha256="s",
        status_code=202,
        response_body=b"{}",
    )
    # An event stream that would stay open for QAQPA_SSE_MAX_SECONDS.
    stream = gateway.connect()
    stream.sendall(
        f"GET /v1/applications/{application.id}/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {partner.api_key}\r\nAccept: text/event-stream\r\n\r\n".encode()
    )
    assert read_until(stream, b"\r\n\r\n").startswith(b"HTTP/1.1 200")
    # A request whose body is still arriving when the signal comes.
    body = b"not a signed document, but a body all the same"
    upload = gateway.connect()
    upload.sendall(
        b"POST /v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml\r\n"
        + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        + body[:10]
    )
    # And one whose client stops sending half-way and never finishes.
    stalled = gateway.connect()
    stalled.sendall(
        b"POST /v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body[:10]
    )
    gateway.process.send_signal(signal.SIGTERM)
    await asyncio.sleep(0.5)  # the signal is being handled while the body is incomplete
    upload.sendall(body[10:])
    answer = read_until(upload, b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 422"), answer[:200]
    # Neither the stream nor the stalled upload holds the stop for ever.
    await asyncio.to_thread(gateway.process.wait, EXIT_WITHIN)
    stream.close()
    upload.close()
    stalled.close()
