"""Officers' tasks: the open steps of officer roles, with claim, assignment and decisions.

A task is an open :class:`~registry.models.WorkflowStep`; its id is the step's id. An officer
sees and acts on the tasks of their role only, and only for the services (and, for customs, the
offices) their account names (registry.officers.scope). A task outside that scope is a 404
like another role's task: the worklist's answer does not tell an officer what exists in units
they do not work for. A task assigned to someone else cannot be taken:
heads and unit heads (re)assign executors, anyone may claim an unassigned task of their role,
and deciding an unassigned task claims it.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import msgspec
from redis.asyncio import Redis
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import append_event
from registry.models import Application, WorkflowStep
from registry.officers.scope import TaskOfficer, covers, scope_clause
from registry.row_views import from_row
from registry.workflow.actors import Decision, officer_actor
from registry.workflow.effects import assign_executor
from registry.workflow.engine import Moved, allowed_actions, lock_application, move
from registry.workflow.errors import (
    RoleNotAllowedError,
    TaskAssignedElsewhereError,
    TaskNotFoundError,
)
from registry.workflow.runner import committed
from registry.workflow.services import installed, officer_decision
from registry.workflow.steps import open_step_of

ASSIGNING_ROLES = ("head", "unit_head")
EXECUTOR_ASSIGNED = "executor_assigned"


class TaskView(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    application_id: uuid.UUID
    service: str
    step: str
    role: str
    status: str
    registration_number: str | None
    applicant_name: str
    started_at: datetime
    due_at: datetime | None
    overdue: bool
    paused: bool
    assignee_id: uuid.UUID | None
    actions: list[str]


class TaskFilter(msgspec.Struct, frozen=True, kw_only=True):
    service: str | None = None
    step: str | None = None
    due_within: timedelta | None = None  # due before now + this ("due soon")
    overdue: bool | None = None
    assigned_to_me: bool | None = None
    limit: int = 50


def _view(step: WorkflowStep, application: Application, now: datetime) -> TaskView:
    service = installed().get(application.service)
    definition = None if service is None else service.definition
    # The step's columns (its id, application_id, service, role, times, assignee) and the
    # application's status and names.
    return from_row(
        TaskView,
        step,
        status=application.status,
        registration_number=application.registration_number,
        applicant_name=application.applicant_name,
        overdue=step.due_at is not None and step.due_at < now,
        paused=application.paused_at is not None,
        actions=[] if definition is None else allowed_actions(definition, application.status),
    )


def _open_tasks(officer: TaskOfficer) -> Select[WorkflowStep, Application]:
    query = (
        select(WorkflowStep, Application)
        .join(Application, Application.id == WorkflowStep.application_id)
        .where(
            WorkflowStep.state == "open",
            WorkflowStep.role == officer.role,
            scope_clause(officer, Application.service, Application.form),
        )
    )
    if officer.role not in ASSIGNING_ROLES:  # an assigned task is its assignee's alone
        query = query.where(
            (WorkflowStep.assignee_id.is_(None)) | (WorkflowStep.assignee_id == officer.id)
        )
    return query


async def list_tasks(
    session: AsyncSession, officer: TaskOfficer, where: TaskFilter, now: datetime
) -> list[TaskView]:
    """The officer's worklist, most urgent first (no due time last)."""
    query = _open_tasks(officer)
    if where.service is not None:
        query = query.where(WorkflowStep.service == where.service)
    if where.step is not None:
        query = query.where(WorkflowStep.step == where.step)
    if where.due_within is not None:
        query = query.where(WorkflowStep.due_at <= now + where.due_within)
    if where.overdue is True:
        query = query.where(WorkflowStep.due_at < now)
    elif where.overdue is False:
        query = query.where((WorkflowStep.due_at.is_(None)) | (WorkflowStep.due_at >= now))
    if where.assigned_to_me is True:
        query = query.where(WorkflowStep.assignee_id == officer.id)
    elif where.assigned_to_me is False:
        query = query.where(WorkflowStep.assignee_id.is_(None))
    query = query.order_by(WorkflowStep.due_at.asc().nulls_last(), WorkflowStep.id).limit(
        where.limit
    )
    rows = (await session.execute(query)).all()
    return [_view(step, application, now) for step, application in rows]


def _visible(step: WorkflowStep | None, application: Application, officer: TaskOfficer) -> bool:
    """The officer's role and scope cover the task (else it is 404: see the module doc)."""
    return (
        step is not None
        and step.role == officer.role
        and covers(officer, application.service, application.form)
    )


async def _locked_task(
    session: AsyncSession, task_id: int, officer: TaskOfficer
) -> tuple[WorkflowStep, Application]:
    """The open task and its application, locked; 404 for tasks the officer may not see."""
    step = await session.get(WorkflowStep, task_id)
    if step is None or step.role != officer.role:
        raise TaskNotFoundError(f"task {task_id} does not exist")
    application = await lock_application(session, step.application_id)
    await session.refresh(step)  # re-read under the application's lock
    if not _visible(step, application, officer):
        raise TaskNotFoundError(f"task {task_id} does not exist")
    if step.state != "open":
        raise TaskNotFoundError(f"task {task_id} is closed")
    return step, application


async def task_view(
    session: AsyncSession, task_id: int, officer: TaskOfficer, now: datetime
) -> TaskView:
    """The open task, read without locking (404s as :func:`_locked_task` gives them)."""
    row = (
        await session.execute(
            select(WorkflowStep, Application)
            .join(Application, Application.id == WorkflowStep.application_id)
            .where(WorkflowStep.id == task_id)
        )
    ).first()
    if row is None or not _visible(row[0], row[1], officer):
        raise TaskNotFoundError(f"task {task_id} does not exist")
    step, application = row
    if step.state != "open":
        raise TaskNotFoundError(f"task {task_id} is closed")
    return _view(step, application, now)


async def claim(
    session: AsyncSession, task_id: int, officer: TaskOfficer, now: datetime
) -> TaskView:
    step, application = await _locked_task(session, task_id, officer)
    if step.assignee_id not in (None, officer.id):
        raise TaskAssignedElsewhereError("the task is assigned to another officer")
    step.assignee_id = officer.id
    return _view(step, application, now)


async def assign(
    session: AsyncSession,
    task_id: int,
    head: TaskOfficer,
    executor_id: uuid.UUID,
    now: datetime,
) -> TaskView:
    """A head (or unit head) gives an open executor task, and the application, to an executor."""
    if head.role not in ASSIGNING_ROLES:
        raise RoleNotAllowedError("only heads assign executors", roles=list(ASSIGNING_ROLES))
    step = await session.get(WorkflowStep, task_id)
    if step is None or step.role != "executor" or step.state != "open":
        raise TaskNotFoundError(f"task {task_id} is not an open executor task")
    application = await lock_application(session, step.application_id)
    if not covers(head, application.service, application.form):
        raise TaskNotFoundError(f"task {task_id} is not an open executor task")
    executor = await assign_executor(session, application, str(executor_id))
    step.assignee_id = executor.id
    await append_event(
        session,
        application.id,
        EXECUTOR_ASSIGNED,
        officer_actor(head).label,
        {"task_id": step.id, "executor_id": str(executor.id)},
        now,
    )
    return _view(step, application, now)


async def decide(
    session: AsyncSession,
    task_id: int,
    officer: TaskOfficer,
    action: str,
    decision: Decision,
    now: datetime,
) -> Moved:
    step, application = await _locked_task(session, task_id, officer)
    if step.assignee_id not in (None, officer.id):
        raise TaskAssignedElsewhereError("the task is assigned to another officer")
    moved = await move(
        session,
        application,
        action,
        officer_actor(officer),
        now=now,
        decision=officer_decision(decision),
        event_data={"task_id": step.id},
    )
    if application.status == moved.target:
        return moved
    # A service hook moved on in the same transaction (S1: approval -> write-off -> release):
    # report where the application is now, not the intermediate status.
    opened = await open_step_of(session, application.id)
    return msgspec.structs.replace(
        moved,
        target=application.status,
        step=application.current_step,
        due_at=None if opened is None else opened.due_at,
    )


# The officer's writes on a task: each one transaction on the locked application, committed
# here, then the application's status cache entry goes (registry.workflow.runner.committed).


async def claim_task(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    task_id: int,
    officer: TaskOfficer,
    now: datetime,
) -> TaskView:
    """The officer takes the unassigned (or their own) task: :func:`claim`, committed."""
    return await committed(
        sessions,
        redis,
        lambda session: claim(session, task_id, officer, now),
        lambda view: view.application_id,
    )


async def assign_task(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    task_id: int,
    head: TaskOfficer,
    executor_id: uuid.UUID,
    now: datetime,
) -> TaskView:
    """A head gives the executor task to an executor: :func:`assign`, committed."""
    return await committed(
        sessions,
        redis,
        lambda session: assign(session, task_id, head, executor_id, now),
        lambda view: view.application_id,
    )


async def decide_task(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    task_id: int,
    officer: TaskOfficer,
    action: str,
    decision: Decision,
    now: datetime,
) -> Moved:
    """The officer's decision on the task: :func:`decide`, committed."""
    return await committed(
        sessions,
        redis,
        lambda session: decide(session, task_id, officer, action, decision, now),
        lambda moved: moved.application_id,
    )
