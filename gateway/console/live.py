"""``GET /officer/stream``: server-sent events telling a console page that its data changed.

The partners' event streams' feed (:class:`gateway.applications.stream.EventFeed`, one
``LISTEN qaqpa_events`` per process) wakes the stream when any application has a new event; the
stream keeps only the applications in the officer's scope (services, offices: the worklist's
rule) and sends ``changed`` with their ids, a burst of events as one message. The worklist then
fetches its rows and a file page its results, as the polling did; the stream carries no task
or application data of its own. ``ready`` says the stream is open (the page stops polling);
``applications: null`` means "anything may have changed" (the listener reconnected, or
notifications do not reach this process and the stream falls back to a tick).

A stream lives at most :data:`STREAM_SECONDS` (the browser's ``EventSource`` reconnects, which
checks the session again), and an officer holds at most :data:`OFFICER_STREAMS` at once across
the gateway's processes (429 ``too_many_streams``; the page then polls).
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncGenerator
from typing import Any

import anyio
import msgspec
import structlog
from litestar import Controller, Response, get
from litestar.datastructures import State
from litestar.response import ServerSentEvent, ServerSentEventMessage
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.applications.stream import EventFeed, StreamSlots, Watcher
from gateway.console.auth import ANY_CONSOLE_OFFICER, LoginRequired, to_login
from gateway.console.rendering import POLL_SECONDS
from gateway.dependencies import OFFICER_DEPENDENCY, Officer, SharedResources
from gateway.officers.auth import BACKGROUND, AuthenticatedOfficer
from registry.models import Application
from registry.officers.scope import scope_clause

logger = structlog.get_logger(__name__)

OFFICER_STREAMS = 4  # a few tabs; more is a loop, not a person
STREAM_SECONDS = 120.0
BURST_SECONDS = 0.3  # events of one decision come in a burst: one message for all of them
RECHECK_SECONDS = 15.0
SLOTS_KEY = "officer_stream_slots"


def _slots(state: State, resources: SharedResources) -> StreamSlots:
    slots: StreamSlots | None = state.get(SLOTS_KEY)
    if slots is None:
        slots = StreamSlots(resources.redis, OFFICER_STREAMS, lease_seconds=STREAM_SECONDS)
        state[SLOTS_KEY] = slots
    return slots


class ConsoleStreamController(Controller):
    path = "/officer"
    include_in_schema = False
    exception_handlers = {LoginRequired: to_login}
    dependencies = OFFICER_DEPENDENCY

    @get(
        "/stream",
        summary="Server-sent events: the officer's worklist or results changed",
        guards=[ANY_CONSOLE_OFFICER],
        opt={BACKGROUND: True},  # the page holds it open: not the officer's activity
    )
    async def stream(
        self, resources: SharedResources, state: State, officer: Officer
    ) -> Response[Any]:
        slots = _slots(state, resources)
        slot = await slots.acquire_or_refuse(officer.id, "console streams per officer")
        seconds = min(STREAM_SECONDS, resources.settings.sse_max_seconds)
        messages = changes(state.event_feed, resources.sessions, officer, seconds)
        return ServerSentEvent(
            _released(messages, slots, officer.id, slot), headers={"Cache-Control": "no-cache"}
        )


def _changed(applications: list[str] | None) -> ServerSentEventMessage:
    return ServerSentEventMessage(
        event="changed", data=msgspec.json.encode({"applications": applications}).decode()
    )


async def changes(
    feed: EventFeed,
    sessions: async_sessionmaker[AsyncSession],
    officer: AuthenticatedOfficer,
    seconds: float,
) -> AsyncGenerator[ServerSentEventMessage, None]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    with feed.watch() as watcher:
        yield ServerSentEventMessage(event="ready", data="{}")
        while (left := deadline - loop.time()) > 0:
            if not feed.listening:  # no notifications reach this process: a tick, as polling
                await asyncio.sleep(min(left, POLL_SECONDS))
                yield _changed(None)
                continue
            await _wait(watcher, min(left, RECHECK_SECONDS))
            if not watcher.woken.is_set():
                continue
            await asyncio.sleep(BURST_SECONDS)
            mine = await _in_scope(sessions, officer, watcher)
            if mine is None or mine:
                yield _changed(mine)


async def _in_scope(
    sessions: async_sessionmaker[AsyncSession], officer: AuthenticatedOfficer, watcher: Watcher
) -> list[str] | None:
    """The changed applications the officer may see (None: anything may have changed)."""
    changed, everything = watcher.take()
    if everything:
        return None
    if not changed:
        return []
    async with sessions() as session:
        found = await session.scalars(
            select(Application.id).where(
                Application.id.in_(changed),
                scope_clause(officer, Application.service, Application.form),
            )
        )
        return sorted(str(application_id) for application_id in found)


async def _wait(watcher: Watcher, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(watcher.woken.wait(), seconds)


async def _released(
    messages: AsyncGenerator[ServerSentEventMessage, None],
    slots: StreamSlots,
    officer_id: uuid.UUID,
    slot: str,
) -> AsyncGenerator[ServerSentEventMessage, None]:
    """``messages``, then the stream's lease given back (it runs out by itself if Redis is
    away)."""
    try:
        async for message in messages:
            yield message
    finally:
        # Litestar ends the stream on the client's disconnect by cancelling its task group;
        # anyio's cancellation would cancel every await here too, so the release is shielded.
        with anyio.CancelScope(shield=True):
            await messages.aclose()
        await slots.release_shielded(officer_id, slot)
