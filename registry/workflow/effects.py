"""What transitions do besides moving the status: results, their approval and cancellation.

* ``result_approved`` / ``result_refused`` build the result document's data (the service's
  :class:`registry.results.builders.ResultBuilder`) and store it as a result with status
  ``awaiting_signature``, numbered in the service's results journal. A refusal needs at least
  one ground of the service's catalogue entry.
* ``signer_approval`` approves the pending result for its signature
  (:func:`registry.issuing.approval.approve_for_signature`: four eyes, the signer on the
  document, the ``sign_result`` outbox job in the same transaction).
* ``result_cancelled`` cancels the pending result: the signer sent it back for rework, with a
  reason (``text``), and the executor's step reopens.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.catalogue.model import ServiceDefinition, Transition
from registry.issuing.approval import (
    approve_for_signature,
    cancel,
    request_signing,
    signed_by_decider,
)
from registry.issuing.lifecycle import ResultStatus, Step, allows
from registry.models import Application, Event, Officer, Result
from registry.officers.scope import covers
from registry.results.builders import BuildContext, Outcome
from registry.results.document import Party, ResultDocument
from registry.workflow.actors import Actor, Decision
from registry.workflow.engine import pending_result
from registry.workflow.errors import InvalidDecisionError
from registry.workflow.journal import enter
from registry.workflow.services import service_of


async def apply_effect(
    session: AsyncSession,
    definition: ServiceDefinition,
    application: Application,
    transition: Transition,
    actor: Actor,
    decision: Decision,
    now: datetime,
) -> uuid.UUID | None:
    """Carry out ``transition.effect``; the id of the result it touched, if any."""
    match transition.effect:
        case "result_approved" | "result_refused":
            outcome: Outcome = "approved" if transition.effect == "result_approved" else "refused"
            result_id = await create_result(
                session, definition, application, outcome, actor, decision, now
            )
            if not has_signer_step(definition):
                # No signer reviews it (S1 customs decisions): an officer's decision (under
                # control: yellow, red) is signed by that officer, as the regulation names the
                # authorised officer; only automatic ones by the provider's system key.
                await sign_by_decider(session, application, result_id, actor)
                await request_signing(session, result_id)
            return result_id
        case "signer_approval":
            return await approve_pending_result(session, application, actor, now)
        case "result_cancelled":
            if actor.kind == "officer" and not (decision.text or "").strip():
                # The executor reworks the result from the signer's reason (issue 16).
                raise InvalidDecisionError("returning a result for rework needs a reason (text)")
            result = await pending_result(session, application.id)
            if result is not None:
                cancel(result)
                return result.id
            return None
        case "executor_assigned":
            await assign_executor(session, application, decision.data.get("executor_id"))
            return None
        case None:
            return None


async def sign_by_decider(
    session: AsyncSession, application: Application, result_id: uuid.UUID, actor: Actor
) -> None:
    """Make the deciding officer the result's signer; nothing when no officer decided.

    The decider is the acting officer, or -- for a system step that carries out an officer's
    decision (S1: the write-off and release after an approval under control, possibly once a
    payment arrives later) -- the last officer who moved the application.
    """
    if actor.kind == "officer":
        officer_id: str | None = actor.id
    else:
        label = await session.scalar(
            select(Event.actor)
            .where(Event.application_id == application.id, Event.actor.like("officer:%"))
            .order_by(Event.seq.desc())
            .limit(1)
        )
        officer_id = None if label is None else label.partition(":")[2]
    officer = None if officer_id is None else await session.get(Officer, uuid.UUID(officer_id))
    result = None if officer is None else await session.get(Result, result_id)
    if officer is None or result is None:
        return
    signed_by_decider(result, name=officer.name, iin=officer.iin)


def has_signer_step(definition: ServiceDefinition) -> bool:
    return any(t.effect == "signer_approval" for t in definition.transitions)


async def assign_executor(
    session: AsyncSession, application: Application, executor_id: object
) -> Officer:
    """Make ``executor_id`` the application's executor (an active officer of that role)."""
    try:
        officer_id = uuid.UUID(str(executor_id))
    except ValueError:
        raise InvalidDecisionError("data.executor_id must be an officer id") from None
    officer = await session.get(Officer, officer_id)
    if officer is None or officer.revoked_at is not None or officer.role != "executor":
        raise InvalidDecisionError(
            "data.executor_id is not an active executor", executor_id=str(officer_id)
        )
    if not covers(officer, application.service, application.form):
        # An executor of another unit (service) or customs office cannot be given the case.
        raise InvalidDecisionError(
            "data.executor_id does not work on this service (or office)",
            executor_id=str(officer_id),
        )
    application.executor_id = officer.id
    return officer


def applicant_party(application: Application) -> Party:
    return Party(
        name=application.applicant_name,
        iin=application.applicant_iin,
        bin=application.applicant_bin,
    )


def result_context(
    application: Application,
    definition: ServiceDefinition,
    decision: Decision,
    *,
    result_id: uuid.UUID,
    outcome: Outcome,
    kind: str,
    number: str,
    now: datetime,
) -> BuildContext:
    """What a result builder sees: the application and the decision taken on it (a service's
    result here, a complaint's decision in registry/complaints/decisions.py)."""
    return BuildContext(
        result_id=result_id,
        definition=definition,
        application_id=application.id,
        registration_number=application.registration_number,
        registered_at=application.registered_at,
        applicant=applicant_party(application),
        form=application.form,
        outcome=outcome,
        kind=kind,
        number=number,
        now=now,
        grounds=list(decision.grounds),
        text=decision.text,
        instructions=decision.instructions,
        data=dict(decision.data),
    )


async def store_prepared(
    session: AsyncSession,
    context: BuildContext,
    document: ResultDocument,
    *,
    prepared_by: uuid.UUID | None,
    prepared_by_iin: str | None,
) -> uuid.UUID:
    """Store ``document``, built from ``context``, as a result awaiting its signature; its id."""
    await session.execute(
        insert(Result).values(
            id=context.result_id,
            application_id=context.application_id,
            kind=context.kind,
            outcome=context.outcome,
            status=ResultStatus.AWAITING_SIGNATURE,
            number=context.number,
            document=msgspec.to_builtins(document),
            prepared_by=prepared_by,
            prepared_by_iin=prepared_by_iin,
        )
    )
    return context.result_id


async def create_result(
    session: AsyncSession,
    definition: ServiceDefinition,
    application: Application,
    outcome: Outcome,
    actor: Actor,
    decision: Decision,
    now: datetime,
    *,
    kind: str | None = None,
) -> uuid.UUID:
    if outcome == "refused":
        known = {ground.code for ground in definition.refusal_grounds}
        unknown = [code for code in decision.grounds if code not in known]
        if not decision.grounds or unknown:
            raise InvalidDecisionError(
                "a refusal needs at least one refusal ground of the service",
                unknown=unknown,
                allowed=sorted(known),
            )
    result_id = uuid.uuid4()
    override = decision.data.get("kind")  # e.g. the applicant_not_found notice
    builder = service_of(definition.code).builder(outcome)
    result_kind = kind or (str(override) if override else None) or builder.kind
    number = await enter(
        session,
        f"results:{definition.code}",
        at=now,
        number_format=f"{definition.code.upper()}-{{year}}-{{seq:05d}}",
        application_id=application.id,
        columns={"kind": result_kind, "outcome": outcome},
    )
    context = result_context(
        application, definition, decision,
        result_id=result_id, outcome=outcome, kind=result_kind, number=number, now=now,
    )  # fmt: skip
    officer_id = uuid.UUID(actor.id) if actor.kind == "officer" else None
    return await store_prepared(
        session, context, builder.build(context), prepared_by=officer_id, prepared_by_iin=actor.iin
    )


async def approve_pending_result(
    session: AsyncSession, application: Application, actor: Actor, now: datetime
) -> uuid.UUID:
    """The signer step approves the application's prepared result for its signature."""
    result = await pending_result(session, application.id)
    if result is None or not allows(result.status, Step.APPROVE):
        raise InvalidDecisionError("there is no prepared result to sign")
    await approve_for_signature(
        session,
        result,
        signer_id=uuid.UUID(actor.id),
        name=actor.name or "",
        iin=actor.iin or "",
        now=now,
    )
    return result.id
