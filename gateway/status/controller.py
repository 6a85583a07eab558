"""``/v1/status/applications/{id}``: what an applicant's app may read with its status token.

The same read path as the partner's routes (the Redis-cached, ETag status document; events as
JSON or server-sent events; the issued documents), restricted by the guard to the token's
application. Event streams are counted per token (at most ``TOKEN_STREAMS`` open at once), not
against the partner's own streams.
"""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, get
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath

from gateway.applications import reads
from gateway.applications.stream import StreamQuota, StreamSlots
from gateway.dependencies import SharedResources
from gateway.problems import Problem
from gateway.status.guard import as_partner, require_status_token, token_holder
from registry.applications.status_tokens import TokenHolder
from registry.applications.views import ApplicationView, EventView
from registry.documents import DocumentView, application_documents, partner_document

Holder = NamedDependency[TokenHolder]
TOKEN_STREAMS = 2
SLOTS_KEY = "status_token_stream_slots"


def _token_slots(state: State, resources: SharedResources) -> StreamSlots:
    slots: StreamSlots | None = state.get(SLOTS_KEY)
    if slots is None:
        slots = StreamSlots(
            resources.redis, TOKEN_STREAMS, lease_seconds=resources.settings.sse_max_seconds
        )
        state[SLOTS_KEY] = slots
    return slots


class StatusController(Controller):
    path = "/v1/status/applications/{application_id:uuid}"
    tags = ["applicant apps"]
    guards = [require_status_token]
    dependencies = {"holder": Provide(token_holder, sync_to_thread=False)}

    @get(
        "/",
        summary="The application's status (for the applicant's app)",
        description=(
            "`Authorization: Bearer <status token>` (from the submission's 202). The same "
            "document as `GET /v1/applications/{id}`, with its ETag. Any other application "
            "is 404; a revoked token 401."
        ),
    )
    async def status(
        self,
        request: Request[Any, Any, State],
        resources: SharedResources,
        holder: Holder,
        application_id: FromPath[uuid.UUID],
    ) -> Response[ApplicationView]:
        return await reads.application_status(
            request, resources, as_partner(holder), application_id
        )

    @get(
        "/events",
        summary="The application's events (JSON, or server-sent events)",
        description="As `GET /v1/applications/{id}/events`; at most 2 open streams per token.",
    )
    async def events(
        self,
        request: Request[Any, Any, State],
        resources: SharedResources,
        state: State,
        holder: Holder,
        application_id: FromPath[uuid.UUID],
    ) -> Response[list[EventView]]:
        quota = StreamQuota(
            _token_slots(state, resources), holder.token_id, "event streams per token"
        )
        return await reads.application_events(
            request, resources, state.event_feed, quota, as_partner(holder), application_id
        )

    @get("/documents", summary="The signed documents issued for the application")
    async def documents(
        self, resources: SharedResources, holder: Holder, application_id: FromPath[uuid.UUID]
    ) -> list[DocumentView]:
        async with resources.sessions() as session:
            found = await application_documents(session, holder.partner_id, application_id)
        return found or []

    @get(
        "/documents/{document_id:uuid}",
        summary="Download a signed document (PDF with PAdES, XML with XAdES)",
        media_type="application/octet-stream",
    )
    async def document(
        self,
        resources: SharedResources,
        holder: Holder,
        application_id: FromPath[uuid.UUID],
        document_id: FromPath[uuid.UUID],
    ) -> Response[bytes]:
        async with resources.sessions() as session:
            found = await partner_document(session, holder.partner_id, application_id, document_id)
        if found is None:
            raise Problem(404, "not_found", f"no document {document_id} of this application")
        document, _ = found
        return Response(
            document.content,
            media_type=document.media_type,
            headers={
                "ETag": f'"{document.sha256}"',
                "Cache-Control": "private, max-age=86400, immutable",
            },
        )
