"""``/v1/applications``: the routes partners call; the work lives in ``intake`` and ``reads``.

One controller for the path (Litestar allows one handler per path and method, OPTIONS
included); each route carries the scope it needs.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import State
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import Body, FromPath, FromQuery, QueryParameter

from gateway.applications import intake, reads
from gateway.applications.stream import StreamQuota
from gateway.applications.submission import SubmissionRequest
from gateway.auth import require_scope
from gateway.dependencies import PARTNER_DEPENDENCY, Partner, SharedResources, resources_of
from gateway.problems import ProblemDocument
from registry.applications.views import ApplicationPage, ApplicationView, EventView


class ApplicationController(Controller):
    path = "/v1/applications"
    tags = ["applications"]
    dependencies = PARTNER_DEPENDENCY

    @post(
        "/",
        summary="Submit a signed application",
        description=intake.__doc__,
        status_code=202,
        guards=[require_scope("submit"), intake.require_json],
        responses=intake.SUBMIT_RESPONSES,
    )
    async def submit(
        self,
        request: Request[Any, Any, State],
        state: State,
        partner: Partner,
        data: Annotated[SubmissionRequest, Body(title="Signed application")],
    ) -> Response[intake.Accepted]:
        # `resources` from the state, not as a second dependency: Litestar resolves two
        # dependencies of one level in an anyio task group, a cost on every hot request.
        resources = resources_of(state)
        return await intake.submit_application(request, resources, state, partner, data)

    @get(
        "/{application_id:uuid}",
        summary="Status of an application",
        description="Answers 304 when `If-None-Match` carries the current ETag.",
        guards=[require_scope("read")],
    )
    async def status(
        self,
        request: Request[Any, Any, State],
        partner: Partner,
        application_id: FromPath[uuid.UUID],
    ) -> Response[ApplicationView]:
        resources = resources_of(request.app.state)  # not a dependency: see `submit`
        return await reads.application_status(request, resources, partner, application_id)

    @get("/", summary="The partner's applications, newest first", guards=[require_scope("read")])
    async def list_page(
        self,
        resources: SharedResources,
        partner: Partner,
        service: FromQuery[str | None] = None,
        status: FromQuery[str | None] = None,
        cursor: FromQuery[str | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> ApplicationPage:
        return await reads.application_page(resources, partner, service, status, cursor, limit)

    @get(
        "/{application_id:uuid}/events",
        summary="Events of an application",
        description=(
            "JSON by default. With `Accept: text/event-stream` a server-sent-event stream: "
            "the events after `Last-Event-ID`, then new ones as they happen; the stream ends "
            "after `QAQPA_SSE_MAX_SECONDS` and the client reconnects with `Last-Event-ID`. "
            "A partner holds at most `QAQPA_SSE_MAX_STREAMS_PER_PARTNER` streams open at once."
        ),
        guards=[require_scope("read")],
        responses={
            429: ResponseSpec(
                ProblemDocument,
                description="Problem codes: rate_limited, too_many_streams (event streams)",
                media_type="application/problem+json",
                generate_examples=False,
            )
        },
    )
    async def events(
        self,
        request: Request[Any, Any, State],
        resources: SharedResources,
        state: State,
        partner: Partner,
        application_id: FromPath[uuid.UUID],
    ) -> Response[list[EventView]]:
        quota = StreamQuota(state.stream_slots, partner.id, "event streams per partner")
        return await reads.application_events(
            request, resources, state.event_feed, quota, partner, application_id
        )
