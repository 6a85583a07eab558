"""S1 customs release: registration control, the corridor chain, officer control, notices.

* Registration hook: the format-and-logic control (registry.customs_release.control). Errors refuse
  registration with a motivated notice listing each error and how to fix it; otherwise the
  declaration gets its ``OFFICE/DDMMYY/NNNNNNN`` number, which replaces the generic incoming
  number, and after ``register`` the risk system routes it (registry.customs_release.release) in the
  same transaction: a green declaration leaves the registration job released.
* Entering ``payment_write_off`` (automatic corridor, an officer's approval, a re-routing to
  green/blue) writes the payments off and permits release, or asks for payment.
* Officer control (yellow, red): ``approve``/``refuse`` of the ``release_decision`` task. Red
  needs the inspection act (``data.inspection_act``), recorded with the decision; a refusal
  needs instructions for removing its reasons.
* Every decision is notified to each party (registry.customs_release.release.notify).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.catalogue.flow import RECEIVED
from registry.customs_release.control import ControlError, control_declaration
from registry.customs_release.documents import (
    REGISTRATION_REFUSAL,
    RELEASE_REFUSAL,
)
from registry.customs_release.ledger import balance_of
from registry.customs_release.numbering import registration_number
from registry.customs_release.release import (
    declarant_number,
    declaration_of,
    form_of,
    notify,
    open_control_task,
    settle,
    start_control,
)
from registry.customs_release.service import (
    PAYMENT_REQUIRED,
    PAYMENT_WRITE_OFF,
    REGISTRATION_GROUND,
    REGISTRATION_REFUSED,
    RELEASE_GROUND,
    RELEASE_PERMITTED,
    RELEASE_REFUSED,
    RISK_CHECK,
    UNDER_CONTROL,
)
from registry.forms.common import MULTI_LINE, SINGLE_LINE
from registry.models import Application, Attachment, InspectionAct
from registry.statedb.interface import StateDatabase
from registry.workflow.actors import Decision
from registry.workflow.errors import InvalidDecisionError
from registry.workflow.hooks import After, AfterHook, Before, Hooks

INSPECTION_ACT = "inspection_act"
SYSTEM_DATA_KEYS = frozenset({"corridor", "forms_of_control", "errors", "written_off"})
HOOKS = Hooks()


class InspectionActData(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """The act of customs inspection (red corridor), as the officer records it."""

    place: Annotated[str, msgspec.Meta(min_length=1, max_length=500, pattern=SINGLE_LINE)]
    inspected_at: datetime
    findings: Annotated[str, msgspec.Meta(min_length=1, max_length=10000, pattern=MULTI_LINE)]
    result: Literal["conforms", "discrepancies"]
    items_inspected: list[Annotated[int, msgspec.Meta(ge=1)]] = []
    seals: list[Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=SINGLE_LINE)]] = []


def _error_line(error: ControlError) -> dict[str, Any]:
    return {"code": error.code, "pointer": error.pointer, "text": msgspec.to_builtins(error.text)}


async def control_and_number(
    session: AsyncSession, application: Application, statedb: StateDatabase
) -> tuple[str, Decision | None]:
    form = form_of(application)
    names = await session.scalars(
        select(Attachment.name).where(Attachment.application_id == application.id)
    )
    errors = await control_declaration(session, form, list(names))
    if errors:
        return "refuse_registration", Decision(
            grounds=[REGISTRATION_GROUND.code],
            text="; ".join(f"{error.pointer}: {error.text.ru}" for error in errors),
            instructions="\n".join(
                f"{index}. {error.text.kk} / {error.text.ru}"
                for index, error in enumerate(errors, 1)
            ),
            data={"kind": REGISTRATION_REFUSAL, "errors": [_error_line(e) for e in errors]},
        )
    application.registration_number = await registration_number(
        session,
        form.customs_office_code,
        application.registered_at or application.received_at,
        declarant=declarant_number(form),
        application_id=application.id,
    )
    return "register", None


@HOOKS.after_transition(RECEIVED.code, "register")
async def after_registration(call: After) -> None:
    await start_control(call.session, call.application, call.now)


@HOOKS.after_transition(RISK_CHECK, "assign_control")
async def control_task(call: After) -> None:
    await open_control_task(call.session, call.application, call.now)


@HOOKS.after_transition(RISK_CHECK, "release_automatically")
@HOOKS.after_transition(UNDER_CONTROL, "approve", "reroute_release")
async def write_off_and_release(call: After) -> None:
    await settle(call.session, call.application, call.now)


async def _inspection(call: Before) -> dict[str, Any] | None:
    """Red: the inspection act of the decision, validated and recorded; else None."""
    declaration = await declaration_of(call.session, call.application.id)
    raw = call.decision.data.get(INSPECTION_ACT)
    if declaration.corridor != "red" and raw is None:
        return None
    if raw is None:
        raise InvalidDecisionError(
            "the red corridor needs the inspection act: data.inspection_act "
            "{place, inspected_at, findings, result, items_inspected, seals}"
        )
    try:
        act = msgspec.convert(raw, InspectionActData, strict=False)
    except msgspec.ValidationError as error:
        raise InvalidDecisionError(f"data.inspection_act: {error}") from None
    recorded: dict[str, Any] = msgspec.to_builtins(act)
    await call.session.execute(
        insert(InspectionAct).values(
            application_id=call.application.id,
            officer_id=uuid.UUID(call.actor.id),
            act=recorded,
            recorded_at=call.now,
        )
    )
    return recorded


@HOOKS.before_transition(UNDER_CONTROL, "approve")
async def check_approval(call: Before) -> Decision:
    act = await _inspection(call)
    return call.with_data({} if act is None else {INSPECTION_ACT: act})


@HOOKS.before_transition(UNDER_CONTROL, "refuse")
async def check_refusal(call: Before) -> Decision:
    if not (call.decision.instructions or "").strip():
        raise InvalidDecisionError("a refusal of release says how to remove its reasons")
    if not (call.decision.text or "").strip():
        raise InvalidDecisionError("a refusal of release states its reasons (text)")
    act = await _inspection(call)
    declaration = await declaration_of(call.session, call.application.id)
    data: dict[str, object] = {
        "kind": RELEASE_REFUSAL,
        "corridor": declaration.corridor,
        "forms_of_control": list(declaration.forms_of_control),
    }
    if act is not None:
        data[INSPECTION_ACT] = act
    return call.with_data(data, grounds=call.decision.grounds or [RELEASE_GROUND.code])


def _notice(decision: str) -> AfterHook:
    async def hook(call: After) -> None:
        result_id = call.moved.result_id
        data: dict[str, Any] = {"result_id": None if result_id is None else str(result_id)}
        if decision == PAYMENT_REQUIRED:
            data |= await _amount_owed(call.session, call.application)
        await notify(call.session, call.application, decision, call.now, data)

    return hook


async def _amount_owed(session: AsyncSession, application: Application) -> dict[str, Any]:
    declaration = await declaration_of(session, application.id)
    balance = await balance_of(session, declaration.account_number) or 0
    owed = max(declaration.amount_due - balance, 0)
    return {
        "amount_due": str(declaration.amount_due),
        "amount_owed": str(owed),
        "account_number": declaration.account_number,
    }


HOOKS.after_transition(RECEIVED.code, "refuse_registration")(_notice(REGISTRATION_REFUSED))
HOOKS.after_transition(PAYMENT_WRITE_OFF, "await_payment")(_notice(PAYMENT_REQUIRED))
HOOKS.after_transition(PAYMENT_WRITE_OFF, "write_off")(_notice(RELEASE_PERMITTED))
HOOKS.after_transition(PAYMENT_REQUIRED, "write_off")(_notice(RELEASE_PERMITTED))
HOOKS.after_transition(UNDER_CONTROL, "refuse")(_notice(RELEASE_REFUSED))
