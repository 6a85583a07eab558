"""Deciding a complaint: settle, uphold or reject; each creates the decision's result record.

* ``settle`` grants the complaint's request; the official may do so only within the
  settlement term (3 working days from registration), after it: ``complaint_settle_term_expired``.
* ``uphold`` finds the complaint right: the appealed decision is to be taken again. This is
  recorded (complaint status ``upheld``, event ``complaint_decided`` with
  ``decision_to_be_retaken``); the application's own status machine is left as it is — re-taking
  the decision is the officers' next step through the worklist, not an automatic transition.
* ``reject`` needs the reasons (``text``).

The decision document is a result of kind ``complaint_decision`` with status
``awaiting_signature``, numbered in its own journal, prepared by the deciding officer (four
eyes then applies to its signature as to every result). Each level is decided by its own
instance (:mod:`registry.complaints.levels`): provider-level complaints by heads and unit heads,
authority-level ones by the authorised body's ``authority`` officers. A signer then approves
it for signature (:mod:`registry.complaints.signature`) and the worker signs it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from redis.asyncio import Redis
from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import append_event
from registry.calendar import to_local
from registry.complaints import journals
from registry.complaints.document import KIND, DecisionCode, complaint_data, complaint_decision
from registry.complaints.errors import (
    ComplaintAlreadyDecidedError,
    ComplaintNotFoundError,
    SettleTermExpiredError,
)
from registry.complaints.levels import DECIDERS, ComplaintOfficer, level_clause, sees
from registry.complaints.views import ComplaintView, complaint_view
from registry.models import Application, Complaint, Result
from registry.officers.scope import TaskOfficer, covers, scope_clause
from registry.workflow.actors import Decision, OfficerIdentity, officer_actor
from registry.workflow.effects import result_context, store_prepared
from registry.workflow.engine import definition_of, lock_application
from registry.workflow.errors import InvalidDecisionError, RoleNotAllowedError
from registry.workflow.runner import committed

COMPLAINT_DECIDED = "complaint_decided"

Action = Literal["settle", "uphold", "reject"]
OUTCOMES: dict[Action, tuple[DecisionCode, Literal["approved", "refused"]]] = {
    "settle": ("settled", "approved"),
    "uphold": ("upheld", "approved"),
    "reject": ("rejected", "refused"),
}


async def appealed_decision(session: AsyncSession, application_id: uuid.UUID) -> str | None:
    """The application's latest result other than complaint decisions, as a line of text."""
    result = await session.scalar(
        select(Result)
        .where(Result.application_id == application_id, Result.kind != KIND)
        .order_by(Result.created_at.desc())
        .limit(1)
    )
    if result is None:
        return None
    title = (result.document.get("title") or {}).get("ru", result.kind)
    return f"{title} № {result.number}, {to_local(result.created_at).strftime('%d.%m.%Y')}"


async def locked_complaint(
    session: AsyncSession, complaint_id: uuid.UUID
) -> tuple[Complaint, Application]:
    """The complaint, read again after its application's row lock: every complaint change
    takes that lock first (one writer of the application's event chain)."""
    complaint = await session.get(Complaint, complaint_id)
    if complaint is None:
        raise ComplaintNotFoundError(f"complaint {complaint_id} does not exist")
    application = await lock_application(session, complaint.application_id)
    await session.refresh(complaint)
    return complaint, application


def _check(
    complaint: Complaint, officer: OfficerIdentity, action: str, text: str | None, now: datetime
) -> Action:
    deciders = DECIDERS[complaint.level]  # type: ignore[index]  # the table's check: a Level
    if officer.role not in deciders:
        raise RoleNotAllowedError(
            f"{complaint.level}-level complaints are decided by {', '.join(deciders)}",
            roles=list(deciders),
        )
    if complaint.status != "open":
        raise ComplaintAlreadyDecidedError(
            f"complaint {complaint.number} is already {complaint.status}",
            complaint_status=complaint.status,
        )
    if action not in OUTCOMES:
        raise InvalidDecisionError(f"unknown complaint action {action!r}", allowed=sorted(OUTCOMES))
    if action == "settle" and now > complaint.settle_due_at:
        raise SettleTermExpiredError(
            "the settlement term is over: uphold or reject the complaint",
            settle_due_at=complaint.settle_due_at.isoformat(),
        )
    if action == "reject" and not (text and text.strip()):
        raise InvalidDecisionError("a rejection states its reasons in text")
    return action  # checked against OUTCOMES above


async def _result(
    session: AsyncSession,
    complaint: Complaint,
    application: Application,
    officer: OfficerIdentity,
    decision: DecisionCode,
    outcome: Literal["approved", "refused"],
    text: str | None,
    now: datetime,
) -> uuid.UUID:
    result_id = uuid.uuid4()
    number = await journals.DECISIONS.enter(
        session, application.id, now, {"complaint": complaint.number, "decision": decision}
    )
    data: dict[str, Any] = complaint_data(
        decision=decision,
        number=complaint.number,
        received_at=complaint.received_at,
        level=complaint.level,
        request=complaint.request,
        appealed=await appealed_decision(session, application.id),
    )
    context = result_context(
        application, definition_of(application), Decision(text=text, data=data),
        result_id=result_id, outcome=outcome, kind=KIND, number=number, now=now,
    )  # fmt: skip
    document = complaint_decision(context)
    return await store_prepared(
        session, context, document, prepared_by=officer.id, prepared_by_iin=officer.iin
    )


async def decide_complaint(
    session: AsyncSession,
    complaint_id: uuid.UUID,
    officer: OfficerIdentity,
    action: str,
    text: str | None,
    now: datetime,
) -> ComplaintView:
    """Take ``action`` on the open complaint; the caller commits and invalidates the cache."""
    complaint, application = await locked_complaint(session, complaint_id)
    checked = _check(complaint, officer, action, text, now)
    decision, outcome = OUTCOMES[checked]
    result_id = await _result(
        session, complaint, application, officer, decision, outcome, text, now
    )
    complaint.status = decision
    complaint.decided_at = now
    complaint.decided_by = officer.id
    complaint.decision_text = text
    complaint.result_id = result_id
    event: dict[str, Any] = {
        "complaint_id": str(complaint.id),
        "number": complaint.number,
        "decision": decision,
        "result_id": str(result_id),
        "role": officer.role,
        "late": now > complaint.due_at,
    }
    if decision == "upheld":
        event["decision_to_be_retaken"] = True
    await append_event(
        session, application.id, COMPLAINT_DECIDED, officer_actor(officer).label, event, now
    )
    await session.flush()
    return complaint_view(complaint, application, now, await session.get(Result, result_id))


async def check_in_scope(
    session: AsyncSession, complaint_id: uuid.UUID, officer: ComplaintOfficer
) -> None:
    """``complaint_not_found`` unless the complaint's application is within ``officer``'s
    services (and offices) and its level is one the officer's role sees: another unit's or
    another instance's complaint looks like one that does not exist."""
    row = (
        await session.execute(
            select(Application.service, Application.form, Complaint.level)
            .join(Complaint, Complaint.application_id == Application.id)
            .where(Complaint.id == complaint_id)
        )
    ).first()
    if (
        row is None
        or not covers(officer, row.service, row.form)
        or not sees(officer.role, row.level)
    ):
        raise ComplaintNotFoundError(f"complaint {complaint_id} does not exist")


async def open_complaints(
    session: AsyncSession, now: datetime, *, limit: int = 50, scope: ComplaintOfficer | None = None
) -> list[ComplaintView]:
    """Open complaints, most urgent first (earliest review due time); with ``scope``, only
    those of applications within that officer's services and offices, of the levels the
    officer's role sees."""
    rows = await session.execute(
        select(Complaint, Application)
        .join(Application, Application.id == Complaint.application_id)
        .where(Complaint.status == "open", *scoped(scope))
        .order_by(Complaint.due_at, Complaint.received_at, Complaint.id)
        .limit(limit)
    )
    return [complaint_view(complaint, application, now) for complaint, application in rows]


def scoped(scope: ComplaintOfficer | None) -> list[ColumnElement[bool]]:
    """The WHERE clause limiting complaints to ``scope``'s applications and levels (none
    without one)."""
    if scope is None:
        return []
    return [scope_clause(scope, Application.service, Application.form), level_clause(scope.role)]


async def decide(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    complaint_id: uuid.UUID,
    officer: TaskOfficer,
    action: str,
    text: str | None,
    now: datetime,
) -> ComplaintView:
    """Decide the complaint within the officer's scope (:func:`decide_complaint`), committed."""

    async def scoped_decision(session: AsyncSession) -> ComplaintView:
        await check_in_scope(session, complaint_id, officer)
        return await decide_complaint(session, complaint_id, officer, action, text, now)

    return await committed(sessions, redis, scoped_decision, lambda view: view.application_id)
