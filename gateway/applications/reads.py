"""Reading applications: status (Redis-cached, ETag), list pages, events (JSON or SSE)."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, get
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import ServerSentEvent
from litestar.response.sse import ServerSentEventMessage
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.auth import AuthenticatedPartner, current_partner, require_scope
from gateway.problems import Problem
from registry.applications.status_cache import cache_status, cached_status
from registry.applications.views import (
    ApplicationPage,
    ApplicationView,
    EventView,
    InvalidCursorError,
    application_view,
    events_after,
    list_applications,
)
from registry.settings import Settings

EVENT_STREAM = "text/event-stream"
SSE_POLL_SECONDS = 1.0


def _not_found(application_id: uuid.UUID) -> Problem:
    return Problem(404, "not_found", f"no application {application_id} for this partner")


class ApplicationReadController(Controller):
    path = "/v1/applications"
    tags = ["applications"]
    guards = [require_scope("read")]
    dependencies = {"partner": Provide(current_partner, sync_to_thread=False)}

    @get(
        "/{application_id:uuid}",
        summary="Status of an application",
        description="Answers 304 when `If-None-Match` carries the current ETag.",
    )
    async def status(
        self,
        request: Request[object, object, State],
        state: State,
        partner: NamedDependency[AuthenticatedPartner],
        application_id: FromPath[uuid.UUID],
    ) -> Response[ApplicationView]:
        entry = await cached_status(state.redis, application_id)
        if entry is None:
            sessions: async_sessionmaker[AsyncSession] = state.sessions
            async with sessions() as session:
                view = await application_view(session, partner.id, application_id)
            if view is None:
                raise _not_found(application_id)
            entry = await cache_status(
                state.redis, application_id, partner.id, msgspec.json.encode(view)
            )
        elif entry.partner_id != str(partner.id):
            raise _not_found(application_id)
        headers = {"ETag": entry.etag, "Cache-Control": "private, no-cache"}
        if request.headers.get("if-none-match") == entry.etag:
            return Response(b"", status_code=304, headers=headers)
        return Response(entry.body, headers=headers, media_type="application/json")

    @get("/", summary="The partner's applications, newest first")
    async def list_page(
        self,
        state: State,
        partner: NamedDependency[AuthenticatedPartner],
        service: FromQuery[str | None] = None,
        status: FromQuery[str | None] = None,
        cursor: FromQuery[str | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> ApplicationPage:
        sessions: async_sessionmaker[AsyncSession] = state.sessions
        async with sessions() as session:
            try:
                return await list_applications(
                    session, partner.id, service=service, status=status, cursor=cursor,
                    limit=limit,
                )  # fmt: skip
            except InvalidCursorError as exc:
                raise Problem(400, "bad_request", "the cursor is not one this API issued") from exc

    @get(
        "/{application_id:uuid}/events",
        summary="Events of an application",
        description=(
            "JSON by default. With `Accept: text/event-stream` a server-sent-event stream: "
            "the events after `Last-Event-ID`, then new ones as they happen; the stream ends "
            "after `QAQPA_SSE_MAX_SECONDS` and the client reconnects with `Last-Event-ID`."
        ),
    )
    async def events(
        self,
        request: Request[object, object, State],
        state: State,
        partner: NamedDependency[AuthenticatedPartner],
        application_id: FromPath[uuid.UUID],
    ) -> Response[list[EventView]]:
        sessions: async_sessionmaker[AsyncSession] = state.sessions
        after = _last_event_id(request.headers.get("last-event-id"))
        async with sessions() as session:
            backlog = await events_after(session, partner.id, application_id, after)
        if backlog is None:
            raise _not_found(application_id)
        if EVENT_STREAM not in request.headers.get("accept", ""):
            return Response(backlog)
        settings: Settings = state.settings
        stream = _event_stream(
            sessions, partner.id, application_id, backlog, settings.sse_max_seconds
        )
        return ServerSentEvent(stream, headers={"Cache-Control": "no-cache"})


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


async def _event_stream(
    sessions: async_sessionmaker[AsyncSession],
    partner_id: uuid.UUID,
    application_id: uuid.UUID,
    backlog: list[EventView],
    max_seconds: float,
) -> AsyncIterator[ServerSentEventMessage]:
    """The backlog, then new events polled from PostgreSQL until ``max_seconds`` pass."""
    last = 0
    for event in backlog:
        last = event.seq
        yield _message(event)
    deadline = time.monotonic() + max_seconds
    while time.monotonic() < deadline:
        await asyncio.sleep(SSE_POLL_SECONDS)
        async with sessions() as session:
            fresh = await events_after(session, partner_id, application_id, last) or []
        for event in fresh:
            last = event.seq
            yield _message(event)
