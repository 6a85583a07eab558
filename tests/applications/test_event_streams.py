"""Event streams: capped per partner across processes, and woken by PostgreSQL notifications
(one LISTEN per process) instead of polling the database every second per stream."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import anyio
import msgspec
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.app import create_app
from gateway.applications.reads import StreamContext, event_stream
from gateway.applications.stream import EventFeed, StreamQuota, StreamSlots
from registry.applications.events import append_event
from registry.applications.views import events_after
from registry.models.applications import Application
from registry.settings import Settings
from tests.applications.stored import new_application, store
from tests.conftest import PartnerKey

SSE = {"Accept": "text/event-stream"}


async def test_a_partner_past_its_stream_cap_gets_429(
    settings: Settings,
    redis: Redis,
    sessions: async_sessionmaker[AsyncSession],
    make_partner: Callable[..., Awaitable[PartnerKey]],
) -> None:
    capped = msgspec.structs.replace(settings, sse_max_streams_per_partner=2)
    partner, other = await make_partner(), await make_partner()
    new = new_application(partner.id)
    await store(sessions, new)
    url = f"/v1/applications/{new.id}/events"
    # Two streams open elsewhere (another gateway process): their leases are in Redis.
    elsewhere = StreamSlots(redis, 2, lease_seconds=300)
    first, second = await elsewhere.acquire(partner.id), await elsewhere.acquire(partner.id)
    assert first is not None and second is not None
    async with AsyncTestClient(app=create_app(capped)) as client:
        refused = await client.get(url, headers={**partner.headers, **SSE, "Accept-Language": "kk"})
        assert refused.status_code == 429
        assert refused.json()["code"] == "too_many_streams"
        kk_title = "Ашық оқиғалар ағындары тым көп; біреуін жауып, қайталаңыз"
        assert refused.json()["title"] == kk_title
        # Reading events as JSON opens no stream.
        assert (await client.get(url, headers=partner.headers)).status_code == 200
        await elsewhere.release(partner.id, first)
        stream = await client.get(url, headers={**partner.headers, **SSE})
        assert stream.status_code == 200
        assert "event: received" in stream.text
        # The stream ended (QAQPA_SSE_MAX_SECONDS=0 in tests) and gave its lease back.
        assert await elsewhere.held(partner.id) == 1
        # Another partner's streams are counted apart.
        assert (await elsewhere.acquire(other.id)) is not None


async def test_a_stream_delivers_an_event_appended_after_it_opened(
    pg_url: str,
    redis: Redis,
    sessions: async_sessionmaker[AsyncSession],
    make_partner: Callable[..., Awaitable[PartnerKey]],
) -> None:
    partner = await make_partner()
    new = new_application(partner.id)
    await store(sessions, new)
    feed = EventFeed(pg_url)
    feed.start()
    try:
        assert await feed.wait_listening(30)
        slots = StreamSlots(redis, 5, lease_seconds=3600)
        slot = await slots.acquire(partner.id)
        assert slot is not None
        async with sessions() as session:
            backlog = await events_after(session, partner.id, new.id)
        assert backlog is not None
        quota = StreamQuota(slots, partner.id, "event streams per partner")
        context = StreamContext(sessions, feed, partner.id, quota, slot)
        stream = event_stream(context, new.id, backlog, after=0, max_seconds=3600)
        # The first message comes once the stream is subscribed and has read what the backlog
        # may have missed: what is appended now can reach it only through a notification.
        opened = await anext(stream)
        assert (opened.event, opened.id) == ("received", 1)
        assert feed.subscribers(new.id) == 1
        following = asyncio.ensure_future(anext(stream))
        await _append(sessions, new.id, "test_note")
        # While listening the stream reads PostgreSQL only when notified: this event came
        # through NOTIFY qaqpa_events (migration 0017).
        message = await asyncio.wait_for(following, 60)
        assert (message.event, message.id) == ("test_note", 2)
        await stream.aclose()
        assert feed.subscribers(new.id) == 0
        assert await slots.held(partner.id) == 0  # the lease is given back
    finally:
        await feed.aclose()


async def _append(
    sessions: async_sessionmaker[AsyncSession], application_id: uuid.UUID, kind: str
) -> None:
    async with sessions() as session, session.begin():
        await session.scalar(
            select(Application.id).where(Application.id == application_id).with_for_update()
        )
        await append_event(
            session, application_id, kind, "test", {"note": "after"}, datetime.now(UTC)
        )


async def test_a_stream_cancelled_on_disconnect_gives_its_lease_back(
    pg_url: str,
    redis: Redis,
    sessions: async_sessionmaker[AsyncSession],
    make_partner: Callable[..., Awaitable[PartnerKey]],
) -> None:
    """Litestar ends a stream whose client went away by cancelling its anyio task group;
    anyio cancels every later await in that scope too, so an unshielded release never ran and
    the lease held the partner's slot until it ran out (sse_max_seconds + 60 s)."""
    partner = await make_partner()
    new = new_application(partner.id)
    await store(sessions, new)
    feed = EventFeed(pg_url)
    feed.start()
    try:
        assert await feed.wait_listening(30)
        slots = StreamSlots(redis, 5, lease_seconds=3600)
        slot = await slots.acquire(partner.id)
        assert slot is not None
        quota = StreamQuota(slots, partner.id, "event streams per partner")
        context = StreamContext(sessions, feed, partner.id, quota, slot)
        stream = event_stream(context, new.id, [], after=0, max_seconds=3600)
        assert (await anext(stream)).event == "received"  # open, now waiting for more

        async def read_on() -> None:
            async for _ in stream:
                pass

        async with anyio.create_task_group() as group:
            group.start_soon(read_on)
            await asyncio.sleep(0.1)  # let it wait inside the stream
            group.cancel_scope.cancel()  # the client disconnected
        assert await slots.held(partner.id) == 0
    finally:
        await feed.aclose()
