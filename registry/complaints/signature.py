"""Sending a complaint's decision to signing: a signer approves it, the worker signs it.

Deciding a complaint (:mod:`registry.complaints.decisions`) prepares its decision, a result of
kind ``complaint_decision`` in ``awaiting_signature``. Like every result it is certified with
the EDS of an authorised officer: an officer of role ``signer`` approves it for signature, as
the signer step of a service flow approves the service's result
(:func:`registry.issuing.approval.approve_for_signature`): the signer goes on the document
(position, name, IIN) and on the result (``signer_id``, ``signer_iin``,
``approved_for_signature_at``), and the same transaction writes the ``sign_result`` outbox job
and the ``complaint_decision_approved`` event. The worker signs it with that signer's key and
issuing marks it signed without moving the application (:mod:`registry.issuing.issue`).

Four eyes: whoever prepared the decision (the deciding head, by IIN) cannot approve it --
``four_eyes``, as in the flows; the results table's check constraint refuses it too.

A decision is approved once. A second approval is ``complaint_decision_already_approved``
(409), not an idempotent success: the first signer's name is already on the document and the
job is queued, so answering a second signer 200 would tell them a signature is theirs that is
not. (The worklist answers a repeated ``approve`` with 409 too.)
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import append_event
from registry.complaints.decisions import (
    check_in_scope,
    locked_complaint,
    scoped,
)
from registry.complaints.errors import (
    ComplaintDecisionAlreadyApprovedError,
    ComplaintNotDecidedError,
)
from registry.complaints.levels import ComplaintOfficer
from registry.complaints.views import ComplaintView, complaint_view
from registry.issuing.approval import approve_for_signature
from registry.issuing.lifecycle import ResultStatus, Step, allows
from registry.models import Application, Complaint, Result
from registry.officers.scope import TaskOfficer
from registry.workflow.actors import OfficerIdentity, officer_actor
from registry.workflow.errors import InvalidDecisionError, RoleNotAllowedError
from registry.workflow.runner import committed

COMPLAINT_DECISION_APPROVED = "complaint_decision_approved"
SIGNING_ROLES = ("signer",)


def _check(complaint: Complaint, result: Result) -> None:
    approved = result.approved_for_signature_at is not None or result.signer_id is not None
    signed = result.status == ResultStatus.SIGNED
    if signed or approved:
        state = "signed" if signed else "sent to signing"
        raise ComplaintDecisionAlreadyApprovedError(
            f"the decision {result.number} on complaint {complaint.number} was already "
            f"approved for signature and is {state}",
            decision_status=result.status,
            result_id=str(result.id),
        )
    if not allows(result.status, Step.APPROVE):
        raise InvalidDecisionError(
            f"the decision {result.number} is {result.status}: there is nothing to sign",
            decision_status=result.status,
        )


async def approve_decision_for_signature(
    session: AsyncSession, complaint_id: uuid.UUID, officer: OfficerIdentity, now: datetime
) -> ComplaintView:
    """The signer ``officer`` sends the complaint's decision to signing; the caller commits."""
    if officer.role not in SIGNING_ROLES:
        raise RoleNotAllowedError(
            "complaint decisions are approved for signature by signers", roles=list(SIGNING_ROLES)
        )
    complaint, application = await locked_complaint(session, complaint_id)
    if complaint.status == "open" or complaint.result_id is None:
        raise ComplaintNotDecidedError(
            f"complaint {complaint.number} is not decided yet: there is no decision to sign",
            complaint_status=complaint.status,
        )
    result = await session.get(
        Result, complaint.result_id, populate_existing=True, with_for_update=True
    )
    assert result is not None  # results are never deleted
    _check(complaint, result)

    await approve_for_signature(
        session, result, signer_id=officer.id, name=officer.name, iin=officer.iin, now=now
    )

    event: dict[str, Any] = {
        "complaint_id": str(complaint.id),
        "number": complaint.number,
        "result_id": str(result.id),
        "result_number": result.number,
        "role": officer.role,
        "signer_id": str(officer.id),
    }
    await append_event(
        session,
        application.id,
        COMPLAINT_DECISION_APPROVED,
        officer_actor(officer).label,
        event,
        now,
    )
    await session.flush()
    return complaint_view(complaint, application, now, result)


async def decisions_awaiting_signature(
    session: AsyncSession, now: datetime, *, limit: int = 50, scope: ComplaintOfficer | None = None
) -> list[ComplaintView]:
    """Decided complaints whose decision no signer has approved yet, oldest decision first;
    with ``scope``, only those of applications within that officer's services and offices."""
    rows = await session.execute(
        select(Complaint, Application, Result)
        .join(Result, Result.id == Complaint.result_id)
        .join(Application, Application.id == Complaint.application_id)
        .where(
            Complaint.status != "open",
            Result.status == ResultStatus.AWAITING_SIGNATURE,
            Result.approved_for_signature_at.is_(None),
            Result.signer_id.is_(None),
            *scoped(scope),
        )
        .order_by(Complaint.decided_at, Complaint.id)
        .limit(limit)
    )
    return [
        complaint_view(complaint, application, now, result)
        for complaint, application, result in rows
    ]


async def approve_for_signing(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    complaint_id: uuid.UUID,
    officer: TaskOfficer,
    now: datetime,
) -> ComplaintView:
    """The signer, within their scope, sends the decision to signing
    (:func:`approve_decision_for_signature`), committed."""

    async def scoped_approval(session: AsyncSession) -> ComplaintView:
        await check_in_scope(session, complaint_id, officer)
        return await approve_decision_for_signature(session, complaint_id, officer, now)

    return await committed(sessions, redis, scoped_approval, lambda view: view.application_id)
