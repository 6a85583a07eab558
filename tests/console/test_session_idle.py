"""An open console tab alone does not keep a session alive: the page's own refreshes (polls
marked ``X-Qaqpa-Background``, the event stream) leave the idle clock alone; the officer's
own requests restart it."""

from __future__ import annotations

import hashlib

from testkit.pki.server import BuiltPki
from tests.console.conftest import ProviderOfficer, every_stream_held
from tests.console.test_pages import Client, _session

NEARLY_EXPIRED = 100  # seconds left on the session's idle clock, far below the setting's


def _key(token: str) -> str:
    return "qaqpa:officer-session:" + hashlib.sha256(token.encode()).hexdigest()


async def test_background_refreshes_do_not_restart_the_idle_clock(
    client: Client, pki: BuiltPki, provider_officer: ProviderOfficer, redis_url: str
) -> None:
    officer = await provider_officer("provider-executor-auth", services=("reexport-permit",))
    try:
        async with every_stream_held(redis_url, officer.id) as redis:
            token = (await _session(client, pki, "provider-executor-auth"))["token"]
            key = _key(token)
            await redis.expire(key, NEARLY_EXPIRED)

            as_the_page_polls = {"X-Qaqpa-Background": "1"}  # what console.js sends
            polled = await client.get("/officer/worklist/rows", headers=as_the_page_polls)
            assert polled.status_code == 200, polled.text
            assert 0 < await redis.ttl(key) <= NEARLY_EXPIRED

            # The event stream is the page's too (every slot is held, so it answers at once).
            streamed = await client.get("/officer/stream")
            assert streamed.status_code == 429
            assert 0 < await redis.ttl(key) <= NEARLY_EXPIRED

            # The officer opening a page is activity: the clock starts again.
            opened = await client.get("/officer/worklist")
            assert opened.status_code == 200, opened.text
            assert await redis.ttl(key) > NEARLY_EXPIRED
    finally:
        client.cookies.clear()
