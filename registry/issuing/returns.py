"""A signer sends a result back for rework with a reason, instead of signing it.

``POST /v1/officer/results/{id}/return`` (gateway/officers/signing.py) takes the same route as
the signer's signature (:func:`registry.issuing.signers.route_of`), so whoever may sign a
result may return it:

* ``signer_step``: the flow's ``return`` action from the signer step (``result_cancelled``:
  the result is cancelled, the step that decided it reopens, the reason in its event), where
  the service has one for the pending result's outcome and deciding step -- else 409
  ``result_not_returnable`` (a refusal the software decided, such as S2's exam score);
* ``complaint``: the decision is cancelled and the complaint opens again for the heads, its
  terms running on (``complaint_decision_returned``, with the reason for the officers);
* ``decider`` / ``approved``: 409 ``result_not_returnable`` -- the deciding officer (S1)
  would send it back to themselves, and an approval given is not taken back here.

A return needs a reason (422 ``invalid_decision``). The reason stays with the officers: the
partners' feed never shows it (:mod:`registry.applications.partner_events`).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import append_event
from registry.errors import DomainError, Kind
from registry.issuing.approval import cancel
from registry.issuing.lifecycle import Step, allows
from registry.issuing.locks import locked_result
from registry.issuing.sessions import ResultNotFoundError, ResultNotSignableError, Route
from registry.issuing.signers import complaint_of, route_of, signer_task
from registry.models import Application, Complaint, Result
from registry.officers.scope import TaskOfficer, covers
from registry.workflow.actors import Decision, officer_actor
from registry.workflow.engine import definition_of, find_transition
from registry.workflow.errors import InvalidDecisionError, InvalidTransitionError
from registry.workflow.runner import in_transaction
from registry.workflow.tasks import decide

RETURN_ACTION = "return"
COMPLAINT_DECISION_RETURNED = "complaint_decision_returned"


class ResultNotReturnableError(DomainError):
    """Nothing reopens for this result: no rework step, or the officer would return it to
    themselves."""

    code = "result_not_returnable"
    kind = Kind.CONFLICT


class Returned(msgspec.Struct, frozen=True, kw_only=True):
    result_id: uuid.UUID
    application_id: uuid.UUID
    status: str  # "cancelled"
    reopened: str  # the application's status, or "complaint" when a complaint reopened


async def _return_action(
    session: AsyncSession, application: Application, result: Result, officer: TaskOfficer
) -> str:
    """The flow's ``return`` from the signer step for the pending result (its outcome and the
    step that decided it, as the engine matches them), for this role."""
    try:
        transition = await find_transition(
            session, definition_of(application), application, RETURN_ACTION
        )
    except InvalidTransitionError:
        transition = None
    if (
        transition is None
        or transition.effect != "result_cancelled"
        or officer.role not in transition.roles
    ):
        raise ResultNotReturnableError(
            f"the service has no step to rework a {result.outcome} result from here"
        )
    return transition.action


async def returnable(session: AsyncSession, application_id: uuid.UUID) -> bool:
    """Whether the application's flow has a ``return`` for its pending result now (what the
    console asks before offering the signer the return form)."""
    application = await session.get(Application, application_id)
    if application is None:
        return False
    try:
        transition = await find_transition(
            session, definition_of(application), application, RETURN_ACTION
        )
    except InvalidTransitionError:
        return False
    return transition.effect == "result_cancelled"


async def _reopen_complaint(
    session: AsyncSession,
    application: Application,
    result: Result,
    officer: TaskOfficer,
    reason: str,
    now: datetime,
) -> None:
    complaint = await session.get(Complaint, await complaint_of(session, result.id))
    assert complaint is not None  # complaint_of found it
    cancel(result)
    complaint.status = "open"
    complaint.decided_at = None
    complaint.decided_by = None
    complaint.decision_text = None
    complaint.result_id = None
    data = {
        "complaint_id": str(complaint.id),
        "number": complaint.number,
        "result_id": str(result.id),
        "result_number": result.number,
        "role": officer.role,
        "return_reason": reason,
    }
    label = officer_actor(officer).label
    await append_event(session, application.id, COMPLAINT_DECISION_RETURNED, label, data, now)


async def _return(
    session: AsyncSession,
    application: Application,
    result: Result,
    officer: TaskOfficer,
    reason: str,
    now: datetime,
) -> str:
    match await route_of(session, result, application, officer):
        case Route.SIGNER_STEP:
            action = await _return_action(session, application, result, officer)
            task = await signer_task(session, application, officer)
            assert task is not None  # route_of found it
            await decide(session, task.id, officer, action, Decision(text=reason), now)
            return application.status
        case Route.COMPLAINT:
            await _reopen_complaint(session, application, result, officer, reason, now)
            return "complaint"
        case _:
            raise ResultNotReturnableError("this result goes back to no one but its signer")


async def return_result(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    result_id: uuid.UUID,
    officer: TaskOfficer,
    reason: str,
    now: datetime,
) -> Returned:
    """Send ``result_id`` back for rework with ``reason``, committed."""
    if not reason.strip():
        raise InvalidDecisionError("returning a result for rework needs a reason")
    async with sessions() as session:
        application_id = await session.scalar(
            select(Result.application_id).where(Result.id == result_id)
        )
    if application_id is None:
        raise ResultNotFoundError(f"result {result_id} does not exist")

    async def work(session: AsyncSession, application: Application) -> Returned:
        result = await locked_result(session, result_id)
        if result is None or not covers(officer, application.service, application.form):
            raise ResultNotFoundError(f"result {result_id} does not exist")
        if not allows(result.status, Step.CANCEL):
            raise ResultNotSignableError(f"result {result_id} is {result.status}")
        reopened = await _return(session, application, result, officer, reason.strip(), now)
        return Returned(
            result_id=result.id,
            application_id=application.id,
            status=result.status,
            reopened=reopened,
        )

    return await in_transaction(sessions, redis, application_id, work)
