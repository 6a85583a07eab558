"""A partner's webhook receiver on loopback for tests: records every request it gets.

``fail_first`` requests are answered 500 (a receiver that is down for a while); ``failing``
can be switched on and off. Every request is kept (headers, raw body, the status answered),
so a test verifies signatures exactly as a partner would, on the raw bytes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiohttp import web


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes
    answered: int


@dataclass
class Receiver:
    fail_first: int = 0
    failing: bool = False
    requests: list[Received] = field(default_factory=list)
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        status = 500 if self.failing or len(self.requests) < self.fail_first else 204
        headers = {name.lower(): value for name, value in request.headers.items()}
        self.requests.append(Received(headers, body, status))
        return web.Response(status=status)

    @property
    def accepted(self) -> list[Received]:
        return [r for r in self.requests if r.answered == 204]


@asynccontextmanager
async def receiving(receiver: Receiver) -> AsyncIterator[Receiver]:
    """Serve ``receiver`` on 127.0.0.1 (a free port) at ``/hooks``; ``receiver.url`` is set."""
    app = web.Application()
    app.router.add_post("/hooks", receiver.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    receiver.url = f"http://127.0.0.1:{port}/hooks"
    try:
        yield receiver
    finally:
        await runner.cleanup()
