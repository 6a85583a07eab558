"""``/v1/officer/complaints``: heads and unit heads list open complaints and decide them.

A decision is one transaction on the locked application; its status cache entry is deleted
after commit. Errors are problems with stable codes: ``complaint_not_found`` 404,
``complaint_already_decided`` 409, ``complaint_settle_term_expired`` 409, ``invalid_decision``
422 (a rejection without reasons).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

import msgspec
from litestar import Controller, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import Body, FromPath, QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway.officers.auth import AuthenticatedOfficer, current_officer, require_officer_role
from gateway.worklist.problems import problem_from
from registry.applications.status_cache import invalidate_status
from registry.complaints.decisions import decide_complaint, open_complaints
from registry.complaints.views import ComplaintView
from registry.workflow.errors import WorkflowError

Officer = NamedDependency[AuthenticatedOfficer]


class ComplaintDecisionRequest(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """``settle`` (grant the request, within the settlement term), ``uphold`` or ``reject``."""

    action: Literal["settle", "uphold", "reject"]
    text: (
        Annotated[
            str,
            msgspec.Meta(max_length=10000, description="The motivation; required to reject"),
        ]
        | None
    ) = None


class OfficerComplaintController(Controller):
    path = "/v1/officer/complaints"
    tags = ["officers", "complaints"]
    guards = [require_officer_role("head", "unit_head")]
    dependencies = {"officer": Provide(current_officer, sync_to_thread=False)}

    @get("/", summary="Open complaints, most urgent first")
    async def list_open(
        self,
        state: State,
        officer: Officer,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> list[ComplaintView]:
        sessions: async_sessionmaker[AsyncSession] = state.sessions
        async with sessions() as session:
            return await open_complaints(session, datetime.now(UTC), limit=limit)

    @post(
        "/{complaint_id:uuid}/decisions",
        status_code=200,
        summary="Decide a complaint: settle, uphold or reject",
    )
    async def decide(
        self,
        state: State,
        officer: Officer,
        complaint_id: FromPath[uuid.UUID],
        data: Annotated[ComplaintDecisionRequest, Body(title="Complaint decision")],
    ) -> ComplaintView:
        sessions: async_sessionmaker[AsyncSession] = state.sessions
        try:
            async with sessions() as session, session.begin():
                view = await decide_complaint(
                    session, complaint_id, officer, data.action, data.text, datetime.now(UTC)
                )
        except WorkflowError as error:
            raise problem_from(error) from error
        await invalidate_status(state.redis, view.application_id)
        return view
