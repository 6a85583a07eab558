"""``/officer/stream``: the console's change stream names only applications in the officer's
scope, and an officer holds a bounded number of streams (429 ``too_many_streams``)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import msgspec
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.applications.stream import EventFeed
from gateway.console.live import changes
from gateway.officers.auth import AuthenticatedOfficer
from registry.settings import Settings
from testkit.pki.server import BuiltPki
from tests.applications.stored import new_application, store
from tests.conftest import PartnerKey
from tests.console.conftest import ProviderOfficer, every_stream_held
from tests.console.test_pages import Client, _session

READ_TIMEOUT = 20.0  # a bound on a wait, not an assertion about speed


@pytest.fixture
async def feed(settings: Settings) -> AsyncIterator[EventFeed]:
    started = EventFeed(settings.database_url)
    started.start()
    try:
        assert await started.wait_listening(READ_TIMEOUT)
        yield started
    finally:
        await started.aclose()


async def test_changes_name_only_applications_in_the_officers_scope(
    feed: EventFeed,
    sessions: async_sessionmaker[AsyncSession],
    make_partner: Callable[..., Awaitable[PartnerKey]],
) -> None:
    officer = AuthenticatedOfficer(
        id=uuid.uuid4(), role="executor", iin="000000000000", name="Тест",
        services=("reexport-permit",),
    )  # fmt: skip
    stream = changes(feed, sessions, officer, seconds=60.0)
    try:
        ready = await asyncio.wait_for(anext(stream), READ_TIMEOUT)
        assert ready.event == "ready"
        partner = await make_partner()
        outside = new_application(partner.id, service="declarant-certificate")
        inside = new_application(partner.id, service="reexport-permit")
        await store(sessions, outside)
        await store(sessions, inside)
        seen: list[str] = []
        while str(inside.id) not in seen:
            message = await asyncio.wait_for(anext(stream), READ_TIMEOUT)
            assert message.event == "changed"
            named = msgspec.json.decode(str(message.data))["applications"]
            assert named is not None  # the listener stayed up: the stream knows what changed
            seen += named
        assert str(outside.id) not in seen
    finally:
        await stream.aclose()


async def test_an_officer_past_the_stream_cap_gets_429(
    client: Client, pki: BuiltPki, provider_officer: ProviderOfficer, redis_url: str
) -> None:
    officer = await provider_officer("provider-executor-auth", services=("reexport-permit",))
    try:
        async with every_stream_held(redis_url, officer.id):
            await _session(client, pki, "provider-executor-auth")
            refused = await client.get("/officer/stream")
            assert refused.status_code == 429 and refused.json()["code"] == "too_many_streams"
    finally:
        client.cookies.clear()
