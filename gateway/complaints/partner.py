"""``/v1/applications/{id}/complaints``: a partner files a complaint and lists its complaints.

Only the owning partner sees an application: anyone else gets 404 ``not_found``, as for the
reads in :mod:`gateway.applications`. Filing is one transaction on the locked application;
its status cache entry is deleted after commit (the status document shows the new event).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.params import Body, FromPath

from gateway.auth import require_scope
from gateway.dependencies import PARTNER_DEPENDENCY, Partner, SharedResources
from gateway.problems import Problem
from registry.complaints.filing import ComplaintRequest, file, partner_complaints
from registry.complaints.views import ComplaintView
from registry.workflow.errors import ApplicationNotFoundError


def _not_found(request: Request[Any, Any, Any], _error: ApplicationNotFoundError) -> Response[Any]:
    """Not the plugin's application_not_found: under a partner's application path the answer
    is the generic not_found naming the partner's view, as for the application's other routes
    (one rule for both routes of the controller)."""
    application_id = request.path_params["application_id"]
    problem = Problem(404, "not_found", f"no application {application_id} for this partner")
    return problem.to_response(request)


class ComplaintController(Controller):
    path = "/v1/applications/{application_id:uuid}/complaints"
    tags = ["complaints"]
    dependencies = PARTNER_DEPENDENCY
    exception_handlers = {ApplicationNotFoundError: _not_found}

    @post(
        "/",
        summary="File a complaint (pre-trial appeal) on a registered application",
        description=(
            "Registered on receipt (after 17:00, on weekends and holidays it counts from 09:00 "
            "of the next working day). Reviewed within 5 working days (`provider`) or 15 "
            "(`authority`); the official may settle it within 3 working days by granting the "
            "request. 409 `application_not_registered` before the application is registered."
        ),
        status_code=201,
        guards=[require_scope("submit")],
    )
    async def file(
        self,
        resources: SharedResources,
        partner: Partner,
        application_id: FromPath[uuid.UUID],
        data: Annotated[ComplaintRequest, Body(title="Complaint")],
    ) -> ComplaintView:
        sessions, redis, now = resources.sessions, resources.redis, datetime.now(UTC)
        return await file(sessions, redis, partner.id, application_id, data, now)

    @get("/", summary="The application's complaints, oldest first", guards=[require_scope("read")])
    async def list_complaints(
        self, resources: SharedResources, partner: Partner, application_id: FromPath[uuid.UUID]
    ) -> list[ComplaintView]:
        async with resources.sessions() as session:
            return await partner_complaints(session, partner.id, application_id, datetime.now(UTC))
