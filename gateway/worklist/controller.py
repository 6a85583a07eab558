"""``/v1/officer/tasks``: the worklist, and the decisions that move applications on.

Every write is one transaction on the locked application; the status cache entry is deleted
after commit. Workflow errors become problems with their stable codes (``invalid_transition``
409, ``task_assigned_elsewhere`` 409, ``four_eyes`` 409, ``invalid_decision`` 422, ...). A
signer's approval that could not be carried out is refused before anything moves
(registry/issuing/readiness.py: ``signer_key_missing``, ``signer_certificate_revoked``,
``eds_signature_required``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, TypeVar

import msgspec
from litestar import Controller, get, post
from litestar.params import Body, FromPath, FromQuery, QueryParameter
from sqlalchemy import select

from gateway.dependencies import OFFICER_DEPENDENCY, Officer, SharedResources
from gateway.officers.auth import (
    ANY_OFFICER,
)
from gateway.problems import Problem
from gateway.worklist.params import TaskId
from registry.forms.common import MULTI_LINE, SINGLE_LINE
from registry.issuing.readiness import approves_for_signature, check_signer_ready
from registry.models import Application
from registry.officers.scope import covers
from registry.workflow.actors import Decision
from registry.workflow.deadlines import Explanation, explain
from registry.workflow.tasks import (
    TaskFilter,
    TaskView,
    assign_task,
    claim_task,
    decide_task,
    list_tasks,
    task_view,
)

T = TypeVar("T")


class DecisionRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """An officer's decision on a task: the action, and for refusals the grounds."""

    action: Annotated[
        str, msgspec.Meta(pattern=SINGLE_LINE, examples=["approve", "refuse", "assign", "submit"])
    ]
    grounds: list[Annotated[str, msgspec.Meta(pattern=SINGLE_LINE)]] = []
    text: Annotated[str, msgspec.Meta(max_length=10000, pattern=MULTI_LINE)] | None = None
    instructions: Annotated[str, msgspec.Meta(max_length=10000, pattern=MULTI_LINE)] | None = None
    data: dict[str, Any] = {}


class AssignRequest(msgspec.Struct, forbid_unknown_fields=True):
    executor_id: uuid.UUID


class DecisionOutcome(msgspec.Struct, frozen=True, kw_only=True):
    application_id: uuid.UUID
    action: str
    status: str
    step: str | None
    due_at: datetime | None
    result_id: uuid.UUID | None


class WorklistController(Controller):
    path = "/v1/officer"
    tags = ["officers"]
    guards = [ANY_OFFICER]
    dependencies = OFFICER_DEPENDENCY

    @get("/tasks", summary="The officer's worklist (open steps of their role), most urgent first")
    async def tasks(
        self,
        resources: SharedResources,
        officer: Officer,
        service: FromQuery[str | None] = None,
        step: FromQuery[str | None] = None,
        # ``ge=0`` is not written by Litestar (a falsy bound): stated again for the document.
        due_within_hours: Annotated[
            int | None, QueryParameter(ge=0, le=24 * 365, schema_extra={"minimum": 0})
        ] = None,
        overdue: FromQuery[bool | None] = None,
        assigned_to_me: FromQuery[bool | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> list[TaskView]:
        where = TaskFilter(
            service=service,
            step=step,
            due_within=None if due_within_hours is None else timedelta(hours=due_within_hours),
            overdue=overdue,
            assigned_to_me=assigned_to_me,
            limit=limit,
        )
        async with resources.sessions() as session:
            return await list_tasks(session, officer, where, datetime.now(UTC))

    @get("/tasks/{task_id:int}", summary="One task")
    async def task(self, resources: SharedResources, officer: Officer, task_id: TaskId) -> TaskView:
        async with resources.sessions() as session:
            return await task_view(session, task_id, officer, datetime.now(UTC))

    @post("/tasks/{task_id:int}/claim", status_code=200, summary="Take an unassigned task")
    async def claim_task(
        self, resources: SharedResources, officer: Officer, task_id: TaskId
    ) -> TaskView:
        return await claim_task(
            resources.sessions, resources.redis, task_id, officer, datetime.now(UTC)
        )

    @post(
        "/tasks/{task_id:int}/assign",
        status_code=200,
        summary="Give an executor task to an executor (heads and unit heads)",
    )
    async def assign_task(
        self,
        resources: SharedResources,
        officer: Officer,
        task_id: TaskId,
        data: Annotated[AssignRequest, Body(title="Executor")],
    ) -> TaskView:
        return await assign_task(
            resources.sessions,
            resources.redis,
            task_id,
            officer,
            data.executor_id,
            datetime.now(UTC),
        )

    @post(
        "/tasks/{task_id:int}/decisions",
        status_code=200,
        summary="Decide a task: approve, refuse with grounds, assign, submit, ...",
    )
    async def decide_task(
        self,
        resources: SharedResources,
        officer: Officer,
        task_id: TaskId,
        data: Annotated[DecisionRequest, Body(title="Decision")],
    ) -> DecisionOutcome:
        decision = Decision(
            grounds=data.grounds, text=data.text, instructions=data.instructions, data=data.data
        )
        async with resources.sessions() as session:
            approval = await approves_for_signature(session, task_id, data.action)
        if approval:  # refused now rather than failing later in the sign_result job
            await check_signer_ready(
                resources.settings, resources.verifier, officer.iin, officer.role
            )

        moved = await decide_task(
            resources.sessions,
            resources.redis,
            task_id,
            officer,
            data.action,
            decision,
            datetime.now(UTC),
        )
        # The engine's move as the API answers it: its target is the application's status.
        return msgspec.convert(
            {**msgspec.structs.asdict(moved), "status": moved.target}, DecisionOutcome
        )

    @get(
        "/applications/{application_id:uuid}/deadlines",
        summary="Each step's start, term, due time and the calendar's reasoning",
    )
    async def deadlines(
        self, resources: SharedResources, officer: Officer, application_id: FromPath[uuid.UUID]
    ) -> Explanation:
        async with resources.sessions() as session:
            row = (
                await session.execute(
                    select(Application.service, Application.form).where(
                        Application.id == application_id
                    )
                )
            ).first()
            # Outside the officer's services or offices: as unknown as a missing application.
            visible = row is not None and covers(officer, row[0], row[1])
            found = await explain(session, application_id) if visible else None
        if found is None:
            raise Problem(
                404, "application_not_found", f"application {application_id} does not exist"
            )
        return found
