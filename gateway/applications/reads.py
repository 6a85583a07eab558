"""Reading applications: status (Redis-cached, ETag), list pages, events (JSON or SSE).

The routes are declared in :mod:`gateway.applications.controller`. Event streams are capped
per partner and woken by PostgreSQL notifications (:mod:`gateway.applications.stream`).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Any

import msgspec
import structlog
from litestar import Request, Response
from litestar.datastructures import State
from litestar.response import ServerSentEvent
from litestar.response.sse import ServerSentEventMessage
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.applications.status_memo import StatusMemo
from gateway.applications.stream import EventFeed, StreamQuota
from gateway.auth import AuthenticatedPartner
from gateway.http_cache import none_match
from gateway.problems import Problem
from gateway.responses import encoded_json
from registry.applications.status_cache import CachedStatus, cache_status, cached_status
from registry.applications.views import (
    ApplicationPage,
    ApplicationView,
    EventView,
    application_view,
    events_after,
    list_applications,
)
from registry.resources import Resources

logger = structlog.get_logger(__name__)

EVENT_STREAM = "text/event-stream"
SSE_POLL_SECONDS = 1.0
"""How often a stream reads PostgreSQL while the process's notification listener is down."""
SSE_RECHECK_SECONDS = 15.0
"""How long a stream waits for a notification before checking the listener is still up."""


def _not_found(application_id: uuid.UUID) -> Problem:
    return Problem(404, "not_found", f"no application {application_id} for this partner")


async def application_status(
    request: Request[Any, Any, State],
    resources: Resources,
    partner: AuthenticatedPartner,
    application_id: uuid.UUID,
) -> Response[ApplicationView]:
    """The status document, from this process's copy or the Redis cache when present (the
    database otherwise); 304 on a matching ETag."""
    memo: StatusMemo = request.app.state.status_memo
    entry = memo.get(application_id)
    if entry is None:
        entry = await _shared_entry(resources, memo, partner, application_id)
    if entry.partner_id != str(partner.id):
        raise _not_found(application_id)
    headers = {"ETag": entry.etag, "Cache-Control": "private, no-cache"}
    if none_match(request.headers.get("if-none-match"), entry.etag):
        return encoded_json(b"", status_code=304, headers=headers)
    return encoded_json(entry.body, headers=headers)


async def _shared_entry(
    resources: Resources,
    memo: StatusMemo,
    partner: AuthenticatedPartner,
    application_id: uuid.UUID,
) -> CachedStatus:
    """The Redis cache entry (filled from the database when missing), copied into ``memo``."""
    read_at = memo.generation
    entry = await cached_status(resources.redis, application_id)
    if entry is None:
        sessions = resources.sessions
        async with sessions() as session:
            view = await application_view(session, partner.id, application_id)
        if view is None:
            raise _not_found(application_id)
        entry = await cache_status(
            resources.redis, application_id, partner.id, msgspec.json.encode(view)
        )
    memo.put(application_id, entry, read_at)
    return entry


async def application_page(
    resources: Resources,
    partner: AuthenticatedPartner,
    service: str | None,
    status: str | None,
    cursor: str | None,
    limit: int,
) -> ApplicationPage:
    sessions = resources.sessions
    async with sessions() as session:
        return await list_applications(
            session, partner.id, service=service, status=status, cursor=cursor, limit=limit
        )


async def application_events(
    request: Request[Any, Any, State],
    resources: Resources,
    feed: EventFeed,
    quota: StreamQuota,
    partner: AuthenticatedPartner,
    application_id: uuid.UUID,
) -> Response[list[EventView]]:
    """Events as JSON, or as a server-sent-event stream for ``Accept: text/event-stream``
    (counted against ``quota``)."""
    sessions = resources.sessions
    after = _last_event_id(request.headers.get("last-event-id"))
    async with sessions() as session:
        backlog = await events_after(session, partner.id, application_id, after)
    if backlog is None:
        raise _not_found(application_id)
    if EVENT_STREAM not in request.headers.get("accept", ""):
        return Response(backlog)
    settings = resources.settings
    slot = await quota.lease()
    stream = event_stream(
        StreamContext(sessions, feed, partner.id, quota, slot),
        application_id,
        backlog,
        after,
        settings.sse_max_seconds,
    )
    sse: Response[Any] = ServerSentEvent(stream, headers={"Cache-Control": "no-cache"})
    return sse


def _last_event_id(header: str | None) -> int:
    if header is None:
        return 0
    try:
        return max(int(header), 0)
    except ValueError as exc:
        raise Problem(400, "bad_request", "Last-Event-ID must be an event sequence number") from exc


def _message(event: EventView) -> ServerSentEventMessage:
    return ServerSentEventMessage(
        data=msgspec.json.encode(event).decode(), event=event.kind, id=event.seq
    )


@dataclass(frozen=True, slots=True)
class StreamContext:
    """What a stream reads with, and the lease it gives back when it ends."""

    sessions: async_sessionmaker[AsyncSession]
    feed: EventFeed
    partner_id: uuid.UUID
    quota: StreamQuota
    slot: str


async def event_stream(
    context: StreamContext,
    application_id: uuid.UUID,
    backlog: list[EventView],
    after: int,
    max_seconds: float,
) -> AsyncGenerator[ServerSentEventMessage, None]:
    """The events after ``after`` (``backlog``, read by the caller), then new ones as PostgreSQL
    notifies them, until ``max_seconds`` pass."""
    try:
        with context.feed.subscribe(application_id) as woken:
            # Subscribed: read once more for what was committed since the backlog was read,
            # so nothing falls between the two; from here on a notification wakes the stream.
            last = backlog[-1].seq if backlog else after
            backlog = backlog + await _events_after(context, application_id, last)
            for event in backlog:
                last = event.seq
                yield _message(event)
            deadline = time.monotonic() + max_seconds
            while (left := deadline - time.monotonic()) > 0:
                if context.feed.listening:
                    await _wait(woken, min(left, SSE_RECHECK_SECONDS))
                else:  # no notifications reach this process now: poll
                    await _wait(woken, min(left, SSE_POLL_SECONDS))
                    woken.set()
                if not woken.is_set():
                    continue
                woken.clear()  # before reading, so a notification during the read is kept
                for event in await _events_after(context, application_id, last):
                    last = event.seq
                    yield _message(event)
    finally:
        await context.quota.give_back(context.slot)


async def _events_after(
    context: StreamContext, application_id: uuid.UUID, after: int
) -> list[EventView]:
    async with context.sessions() as session:
        return await events_after(session, context.partner_id, application_id, after) or []


async def _wait(woken: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(woken.wait(), seconds)
