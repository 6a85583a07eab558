"""Who signs a result with their own key (NCALayer), and what their signature records.

With ``QAQPA_OFFICER_SIGNING=eds`` every officer's signature is given in a signing session
(:mod:`.sessions`); the officer's signature is then also the approval the result waits for,
which differs by the kind of result (:class:`Route`):

* ``signer_step``: a service's result at its flow's signer step -- signing takes the step's
  ``signer_approval`` action (four eyes: whoever prepared it cannot sign it);
* ``complaint``: a complaint's decision -- signing is the signer's approval of it
  (:func:`registry.complaints.signature.approve_decision_for_signature`, four eyes too);
* ``decider``: a result no signer reviews whose document names the officer who decided it
  (S1 under control, :func:`registry.issuing.approval.signed_by_decider`) -- that officer signs,
  nothing else is recorded;
* ``approved``: the officer approved it before (a deployment that switched from server-held
  keys): only the signature is left.

:func:`route_of` answers which one applies to an officer, or refuses (409
``result_not_signable``, ``four_eyes``); :func:`signable_results` lists what an officer may
sign on one application (the console's file page); :func:`issue_signed` records the approval
of the route and the issue (:func:`registry.issuing.issue.issue`) in one transaction.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec
from redis.asyncio import Redis
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.complaints.document import KIND as COMPLAINT_DECISION
from registry.complaints.signature import SIGNING_ROLES, approve_decision_for_signature
from registry.documents import SignedFile
from registry.issuing.approval import SIGNER_POSITIONS
from registry.issuing.issue import issue, verify_url
from registry.issuing.lifecycle import ResultStatus, Step, allows
from registry.issuing.locks import locked_result
from registry.issuing.sessions import (
    ResultNotFoundError,
    ResultNotSignableError,
    Route,
    SigningSession,
)
from registry.models import Application, Complaint, Result, WorkflowStep
from registry.officers.scope import TaskOfficer, covers
from registry.results.document import DocumentSigner, ResultDocument
from registry.workflow.actors import Decision
from registry.workflow.effects import has_signer_step
from registry.workflow.engine import definition_of
from registry.workflow.errors import FourEyesError
from registry.workflow.runner import in_transaction
from registry.workflow.tasks import decide


class Signable(msgspec.Struct, frozen=True, kw_only=True):
    result_id: uuid.UUID
    application_id: uuid.UUID
    route: Route
    document: ResultDocument


async def signer_task(
    session: AsyncSession, application: Application, officer: TaskOfficer
) -> WorkflowStep | None:
    """The open step of the officer's role on the application, if it is theirs to take."""
    step: WorkflowStep | None = await session.scalar(
        select(WorkflowStep).where(
            WorkflowStep.application_id == application.id,
            WorkflowStep.state == "open",
            WorkflowStep.role == officer.role,
        )
    )
    if step is None or step.assignee_id not in (None, officer.id):
        return None
    return step


def _approve_action(application: Application, officer: TaskOfficer) -> str | None:
    """The signer step's action from the application's status, for the officer's role."""
    for transition in definition_of(application).transitions:
        if (
            transition.effect == "signer_approval"
            and transition.source == application.status
            and officer.role in transition.roles
        ):
            return transition.action
    return None


def _four_eyes(result: Result, officer: TaskOfficer) -> None:
    if result.prepared_by == officer.id or result.prepared_by_iin == officer.iin:
        raise FourEyesError("whoever prepared a result cannot also sign it")


async def _signer_step(
    session: AsyncSession, application: Application, officer: TaskOfficer
) -> Route:
    if _approve_action(application, officer) is None:
        raise ResultNotSignableError("the result does not wait for a signer's approval")
    if await signer_task(session, application, officer) is None:
        raise ResultNotSignableError("the signer's task is assigned to another officer")
    return Route.SIGNER_STEP


async def route_of(
    session: AsyncSession, result: Result, application: Application, officer: TaskOfficer
) -> Route:
    """How ``officer`` signs ``result`` now; raises when they may not (the result awaits its
    signature: the caller checked)."""
    if result.signer_id is not None:
        if result.signer_id != officer.id:
            raise ResultNotSignableError("another signer approved this result")
        return Route.APPROVED
    document_signer = (result.document or {}).get("signer") or {}
    if result.kind == COMPLAINT_DECISION:
        if officer.role not in SIGNING_ROLES:
            raise ResultNotSignableError("complaint decisions are signed by signers")
        _four_eyes(result, officer)
        return Route.COMPLAINT
    if not has_signer_step(definition_of(application)):
        if document_signer.get("iin") != officer.iin:
            raise ResultNotSignableError("the officer who decided this result signs it")
        return Route.DECIDER  # the decider may have prepared it: no second officer in S1
    _four_eyes(result, officer)
    return await _signer_step(session, application, officer)


async def signable(
    session: AsyncSession, result_id: uuid.UUID, officer: TaskOfficer, base_url: str
) -> Signable:
    """What the officer may sign of ``result_id``, with the document as it will be printed."""
    result = await session.get(Result, result_id)
    application = None if result is None else await session.get(Application, result.application_id)
    if (
        result is None
        or application is None
        or not covers(officer, application.service, application.form)
    ):
        raise ResultNotFoundError(f"result {result_id} does not exist")
    if not allows(result.status, Step.SIGN):
        raise ResultNotSignableError(f"result {result_id} is {result.status}")
    route = await route_of(session, result, application, officer)
    return Signable(
        result_id=result.id,
        application_id=application.id,
        route=route,
        document=printed_document(result, officer, base_url, route),
    )


async def signable_results(
    session: AsyncSession, application_id: uuid.UUID, officer: TaskOfficer
) -> dict[uuid.UUID, Route]:
    """The application's results awaiting a signature that ``officer`` may give now, with
    the route each takes."""
    application = await session.get(Application, application_id)
    if application is None or not covers(officer, application.service, application.form):
        return {}
    waiting = await session.scalars(
        select(Result).where(
            Result.application_id == application_id,
            Result.status == ResultStatus.AWAITING_SIGNATURE,
        )
    )
    mine = {}
    for result in waiting:
        try:
            mine[result.id] = await route_of(session, result, application, officer)
        except (ResultNotSignableError, FourEyesError):
            continue
    return mine


class Awaiting(msgspec.Struct, frozen=True, kw_only=True):
    """A result waiting for an officer's own signature outside their worklist's steps."""

    result_id: uuid.UUID
    application_id: uuid.UUID
    service: str
    registration_number: str | None
    number: str
    kind: str
    created_at: datetime


async def awaiting_officer(
    session: AsyncSession, officer: TaskOfficer, *, limit: int = 50
) -> list[Awaiting]:
    """Results no step of the officer's worklist stands for that wait for their signature:
    complaint decisions (signers) and S1 decisions naming them as decider; oldest first."""
    rows = await session.execute(
        select(Result, Application)
        .join(Application, Application.id == Result.application_id)
        .where(
            Result.status == ResultStatus.AWAITING_SIGNATURE,
            Result.signer_id.is_(None),
            or_(
                Result.kind == COMPLAINT_DECISION,
                Result.document["signer"]["iin"].astext == officer.iin,
            ),
        )
        .order_by(Result.created_at, Result.id)
        .limit(limit * 4)  # a few are outside the officer's scope or route
    )
    found = []
    for result, application in rows.tuples():
        if not covers(officer, application.service, application.form):
            continue
        try:
            route = await route_of(session, result, application, officer)
        except (ResultNotSignableError, FourEyesError):
            continue
        if route in (Route.COMPLAINT, Route.DECIDER):
            found.append(
                Awaiting(
                    result_id=result.id,
                    application_id=application.id,
                    service=application.service,
                    registration_number=application.registration_number,
                    number=result.number,
                    kind=result.kind,
                    created_at=result.created_at,
                )
            )
    return found[:limit]


def printed_document(
    result: Result, officer: TaskOfficer, base_url: str, route: Route = Route.SIGNER_STEP
) -> ResultDocument:
    """The result's document with this signer and the verification URL, as the worker prints
    it (:func:`registry.issuing.approval.approve_for_signature` writes the same signer; the
    decider keeps the position :func:`~registry.issuing.approval.signed_by_decider` gave)."""
    document = msgspec.convert(result.document, ResultDocument)
    position = SIGNER_POSITIONS["decider" if route == Route.DECIDER else "signer"]
    signer = DocumentSigner(position=position, name=officer.name, iin=officer.iin)
    return msgspec.structs.replace(
        document, signer=signer, verify_url=verify_url(base_url, result.id)
    )


async def complaint_of(session: AsyncSession, result_id: uuid.UUID) -> uuid.UUID:
    complaint_id = await session.scalar(
        select(Complaint.id).where(Complaint.result_id == result_id)
    )
    if complaint_id is None:
        raise ResultNotSignableError("the decision belongs to no complaint")
    return complaint_id


async def _approve(
    session: AsyncSession,
    application: Application,
    result: Result,
    record: SigningSession,
    officer: TaskOfficer,
    now: datetime,
) -> None:
    """Record the approval the session's route stands for, after checking it still holds."""
    if await route_of(session, result, application, officer) != record.route:
        raise ResultNotSignableError("the result's signer step has moved on")
    match record.route:
        case Route.SIGNER_STEP:
            action = _approve_action(application, officer)
            task = await signer_task(session, application, officer)
            assert action is not None and task is not None  # route_of checked both
            # The same Result object (the session's identity map): decide's approval writes
            # its signer, four eyes are checked again, and the sign_result row is written.
            await decide(session, task.id, officer, action, Decision(), now)
        case Route.COMPLAINT:
            complaint_id = await complaint_of(session, result.id)
            await approve_decision_for_signature(session, complaint_id, officer, now)
        case Route.DECIDER | Route.APPROVED:
            pass  # nothing to approve: the document or the row names this officer already


async def issue_signed(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    record: SigningSession,
    officer: TaskOfficer,
    files: list[SignedFile],
    now: datetime,
) -> bool:
    """Approve (per the session's route) and issue, in one transaction; False: nothing to
    sign any more (signed meanwhile, or cancelled)."""

    async def work(session: AsyncSession, application: Application) -> bool:
        result = await locked_result(session, record.result_id)
        if result is None or not allows(result.status, Step.SIGN):
            return False
        await _approve(session, application, result, record, officer, now)
        return await issue(session, application, result, record.document, files, now)

    return await in_transaction(sessions, redis, record.application_id, work)
