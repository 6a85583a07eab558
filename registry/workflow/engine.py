"""Moving an application along its service's state machine, in the caller's transaction.

:func:`move` is the one way a status changes after intake. In order: find the transition
(else ``invalid_transition``), check the actor's role, carry out the transition's effect
(results, four eyes), close the open step, start the next one with its stored due time, update
the application and append the hash-chained event (an effect's outbox row, such as
``sign_result``, is written through :func:`registry.outbox.enqueue`). The caller holds the
application row locked (:func:`lock_application`) and commits; after commit it must delete the
status cache entry (:func:`registry.workflow.runner.in_transaction` does both). Services may
check a transition before its effect and follow it up after its event (their
:class:`registry.workflow.hooks.Hooks`, installed with the service:
:mod:`registry.workflow.services`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.applications.events import append_event
from registry.calendar import WorkingCalendar, current_calendar
from registry.catalogue.model import ServiceDefinition, Step, Transition
from registry.issuing.lifecycle import ResultStatus
from registry.models import Application, Event, Officer, Result, WorkflowStep
from registry.workflow.actors import Actor, Decision
from registry.workflow.errors import (
    ApplicationNotFoundError,
    InvalidTransitionError,
    RoleNotAllowedError,
)
from registry.workflow.hooks import After, Before
from registry.workflow.services import service_of
from registry.workflow.steps import close_open_step, open_step

STATUS_CHANGED = "status_changed"


class Moved(msgspec.Struct, frozen=True, kw_only=True):
    application_id: uuid.UUID
    action: str
    source: str
    target: str
    step: str | None
    due_at: datetime | None
    result_id: uuid.UUID | None = None


async def lock_application(session: AsyncSession, application_id: uuid.UUID) -> Application:
    """The application row, locked until the transaction ends (one mover at a time)."""
    application = await session.scalar(
        select(Application).where(Application.id == application_id).with_for_update()
    )
    if application is None:
        raise ApplicationNotFoundError(f"application {application_id} does not exist")
    return application


def definition_of(application: Application) -> ServiceDefinition:
    return service_of(application.service).definition


def step_of(definition: ServiceDefinition, code: str) -> Step | None:
    return next((step for step in definition.steps if step.code == code), None)


def allowed_actions(definition: ServiceDefinition, status: str) -> list[str]:
    return sorted({t.action for t in definition.transitions if t.source == status})


async def pending_result(session: AsyncSession, application_id: uuid.UUID) -> Result | None:
    """The application's result that is not cancelled, newest first.

    Complaint decisions (registry.complaints) are results of the same application but not of
    its status machine: they never count here.
    """
    return await session.scalar(
        select(Result)
        .where(
            Result.application_id == application_id,
            Result.status != ResultStatus.CANCELLED,
            Result.kind != "complaint_decision",
        )
        .order_by(Result.created_at.desc())
        .limit(1)
    )


async def deciding_status(session: AsyncSession, application_id: uuid.UUID, result: Result) -> str:
    """The status the application was in when ``result`` was decided: the ``from`` of the first
    status change that names the result (later ones -- the signer's approval, a return -- name
    it too). Empty when no move created it (a result built outside a transition)."""
    source = await session.scalar(
        select(Event.data["from"].astext)
        .where(
            Event.application_id == application_id,
            Event.kind == STATUS_CHANGED,
            Event.data["result_id"].astext == str(result.id),
        )
        .order_by(Event.seq)
        .limit(1)
    )
    return source or ""


async def _matching_result(
    session: AsyncSession, application: Application, candidates: list[Transition]
) -> list[Transition]:
    """``candidates`` limited by the pending result: its outcome (``when``) and the status it
    was decided in (``decided_in``)."""
    if all(t.when is None and t.decided_in is None for t in candidates):
        return candidates
    result = await pending_result(session, application.id)
    outcome = None if result is None else result.outcome
    candidates = [t for t in candidates if t.when in (None, outcome)]
    if result is None or all(t.decided_in is None for t in candidates):
        return [t for t in candidates if t.decided_in is None]
    decided_in = await deciding_status(session, application.id, result)
    return [t for t in candidates if t.decided_in in (None, decided_in)]


async def find_transition(
    session: AsyncSession, definition: ServiceDefinition, application: Application, action: str
) -> Transition:
    candidates = [
        t for t in definition.transitions if t.source == application.status and t.action == action
    ]
    candidates = await _matching_result(session, application, candidates)
    if not candidates:
        raise InvalidTransitionError(
            f"'{action}' is not allowed while the application is '{application.status}'",
            application_status=application.status,
            action=action,
            allowed=allowed_actions(definition, application.status),
        )
    return candidates[0]


async def _assignee(
    session: AsyncSession,
    application: Application,
    step: Step,
    transition: Transition,
    result_id: uuid.UUID | None,
) -> uuid.UUID | None:
    """Who the step opens for: an executor step is the application's executor's; a step a
    signer's return reopens goes back to the officer who prepared the cancelled result, where
    nobody was assigned and that officer has the step's role (nobody otherwise: the step is
    anyone's of the role to claim)."""
    if step.role == "executor" and application.executor_id is not None:
        return application.executor_id
    if transition.effect != "result_cancelled" or result_id is None:
        return None
    return await session.scalar(
        select(Officer.id)
        .join(Result, Result.prepared_by == Officer.id)
        .where(Result.id == result_id, Officer.role == step.role, Officer.revoked_at.is_(None))
    )


@dataclass(frozen=True, kw_only=True)
class PreparedMove:
    """A move carried out up to its event (:func:`prepare_move`), for :func:`finish_move`."""

    session: AsyncSession
    application: Application
    actor: Actor
    decision: Decision
    now: datetime
    data: dict[str, Any]
    moved: Moved


async def move(
    session: AsyncSession,
    application: Application,
    action: str,
    actor: Actor,
    *,
    now: datetime,
    decision: Decision | None = None,
    event_data: Mapping[str, Any] | None = None,
    calendar: WorkingCalendar | None = None,
) -> Moved:
    """Take ``action`` on the (locked) ``application``; see the module docstring."""
    prepared = await prepare_move(
        session, application, action, actor, now=now, decision=decision, calendar=calendar
    )
    return await finish_move(prepared, event_data)


def _event_data(
    moved: Moved, transition: Transition, actor: Actor, decision: Decision
) -> dict[str, Any]:
    """The data of the move's ``status_changed`` event."""
    data: dict[str, Any] = {
        "action": moved.action,
        "from": moved.source,
        "to": moved.target,
        "step": moved.step,
        "due_at": None if moved.due_at is None else moved.due_at.isoformat(),
    }
    if actor.role != "system":
        data["role"] = actor.role
    if decision.grounds:
        data["grounds"] = list(decision.grounds)
    if moved.result_id is not None:
        data["result_id"] = str(moved.result_id)
    if transition.effect == "result_cancelled" and (decision.text or "").strip():
        # The signer's reason is the executor's brief for the rework: in the file and the event
        # history for officers (partners never see it: registry.applications.partner_events).
        data["return_reason"] = (decision.text or "").strip()
    return data


async def prepare_move(
    session: AsyncSession,
    application: Application,
    action: str,
    actor: Actor,
    *,
    now: datetime,
    decision: Decision | None = None,
    calendar: WorkingCalendar | None = None,
) -> PreparedMove:
    """The first half of :func:`move`: everything but the event and the service's after-hook.

    Registration puts its journal number between the halves (the event carries the number):
    the counter row stays locked from the number to the commit, so the less that runs after
    it, the more registrations commit per second (registry/workflow/incoming.py).
    """
    from registry.workflow.effects import apply_effect  # effects build on this module

    service = service_of(application.service)
    definition = service.definition
    transition = await find_transition(session, definition, application, action)
    if actor.role not in transition.roles:
        raise RoleNotAllowedError(
            f"'{action}' in '{application.status}' is for {', '.join(transition.roles)}",
            roles=list(transition.roles),
        )
    decision = decision or Decision()
    before = service.hooks.before.get((transition.source, transition.action))
    if before is not None:
        decision = await before(Before(session, application, transition, actor, decision, now))
    result_id = await apply_effect(
        session, definition, application, transition, actor, decision, now
    )
    await close_open_step(session, application.id, outcome=action, actor_label=actor.label, at=now)
    next_step = step_of(definition, transition.target)
    opened: WorkflowStep | None = None
    if next_step is not None:
        assignee = await _assignee(session, application, next_step, transition, result_id)
        opened = await open_step(
            session,
            application_id=application.id,
            service=application.service,
            step=next_step,
            started_at=now,
            calendar=calendar or current_calendar(),
            assignee_id=assignee,
        )
    source = application.status
    application.status = transition.target
    application.current_step = None if next_step is None else next_step.code
    application.updated_at = now
    moved = Moved(
        application_id=application.id,
        action=action,
        source=source,
        target=transition.target,
        step=application.current_step,
        due_at=None if opened is None else opened.due_at,
        result_id=result_id,
    )
    return PreparedMove(
        session=session,
        application=application,
        actor=actor,
        decision=decision,
        now=now,
        data=_event_data(moved, transition, actor, decision),
        moved=moved,
    )


async def finish_move(prepared: PreparedMove, event_data: Mapping[str, Any] | None) -> Moved:
    """The second half of :func:`move`: the event (with ``event_data`` added), then the
    service's after-hook."""
    session, application = prepared.session, prepared.application
    data = {**prepared.data, **(event_data or {})}
    await append_event(
        session, application.id, STATUS_CHANGED, prepared.actor.label, data, prepared.now
    )
    await session.flush()
    return await run_after_hook(prepared)


async def run_after_hook(prepared: PreparedMove) -> Moved:
    """The service's after-hook of the move, if it has one, once its event is written."""
    session, application, moved = prepared.session, prepared.application, prepared.moved
    after = service_of(application.service).hooks.after.get((moved.source, moved.action))
    if after is not None:
        await after(
            After(session, application, moved, prepared.actor, prepared.decision, prepared.now)
        )
    return moved
