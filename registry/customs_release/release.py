"""S1 after registration: corridor, payment write-off, release, warehouse exit, notices.

Every function runs in the caller's transaction on the LOCKED application (the registration
job, an officer's decision, the top-up job, the warehouse's report), so a write-off and the
release it pays for commit together or not at all:

* :func:`start_control` (right after ``register``): the risk system's corridor is recorded,
  the duties and taxes are assessed, and the declaration goes to ``risk_check`` and on:
  green and blue straight to the write-off (blue flagged for post-clearance audit), yellow
  and red to an officer (``under_control``, the ``release_decision`` task).
* :func:`settle` (on entering ``payment_write_off``, and for ``payment_required`` after a
  top-up): write the assessment off the declarant's personal account and permit release, or
  move to ``payment_required`` with the amount owed.
* :func:`notify`: one notification row per party named in the declaration (the applicant,
  the declarant, the customs representative) and an outbox job that delivers them.
"""

from __future__ import annotations

import functools
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

import msgspec
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.calendar import current_calendar, to_local
from registry.customs_release.duties import assess_declaration
from registry.customs_release.forms import CustomsReleaseForm
from registry.customs_release.ledger import Shortfall, WrittenOff, open_account, write_off
from registry.customs_release.risk import Selection, record_selection, select_corridor
from registry.customs_release.service import PAYMENT_REQUIRED, PAYMENT_WRITE_OFF
from registry.models import (
    Application,
    CustomsDeclaration,
    CustomsNotification,
)
from registry.outbox import Job, enqueue
from registry.workflow.actors import SYSTEM, Actor, Decision
from registry.workflow.engine import Moved, definition_of, move, step_of
from registry.workflow.errors import InvalidDecisionError
from registry.workflow.runner import in_transaction
from registry.workflow.steps import open_step

AUTOMATIC_CORRIDORS = ("green", "blue")
CONTROL_STEP = "release_decision"


def form_of(application: Application) -> CustomsReleaseForm:
    return msgspec.convert(application.form, CustomsReleaseForm, strict=False)


def declarant_number(form: CustomsReleaseForm) -> str:
    number = form.declarant.bin or form.declarant.iin
    if number is None:  # the form's own checks require one of them
        raise InvalidDecisionError("the declarant has neither a BIN nor an IIN")
    return number


@functools.cache
def selection_seed() -> int:
    """The configured seed of the risk system's random source (``QAQPA_RISK_SEED``), read once."""
    from registry.settings import load_settings

    return load_settings().risk_seed


async def declaration_of(session: AsyncSession, application_id: uuid.UUID) -> CustomsDeclaration:
    declaration = await session.get(CustomsDeclaration, application_id)
    if declaration is None:
        raise InvalidDecisionError("the declaration has not been through the risk system")
    return declaration


async def start_control(session: AsyncSession, application: Application, now: datetime) -> Moved:
    """Select and record the corridor, assess the payments and route the declaration."""
    form = form_of(application)
    selection = await select_corridor(session, application.id, form, seed=selection_seed())
    await record_selection(session, application.id, selection, actor=SYSTEM.label, at=now)
    assessment = await assess_declaration(session, form, to_local(now).date())
    account = declarant_number(form)
    await open_account(session, account)
    # Added to the session (not a Core insert): the write-off reads it back from there.
    session.add(
        CustomsDeclaration(
            application_id=application.id,
            account_number=account,
            corridor=selection.corridor,
            forms_of_control=list(selection.forms_of_control),
            post_clearance_audit=selection.corridor == "blue",
            amount_due=assessment.amount,
            assessment=msgspec.to_builtins(assessment),
        )
    )
    await move(
        session,
        application,
        "check_risk",
        SYSTEM,
        now=now,
        event_data={"amount_due": assessment.total},
    )
    return await route(session, application, selection, SYSTEM, now)


def _corridor_data(selection: Selection) -> dict[str, Any]:
    return {
        "corridor": selection.corridor,
        "forms_of_control": list(selection.forms_of_control),
        "fired_rules": list(selection.fired_rules),
        "post_clearance_audit": selection.corridor == "blue",
    }


async def route(
    session: AsyncSession,
    application: Application,
    selection: Selection,
    actor: Actor,
    now: datetime,
    *,
    action: str | None = None,
) -> Moved:
    """Send the declaration (in ``risk_check``) down its corridor."""
    automatic = selection.corridor in AUTOMATIC_CORRIDORS
    chosen = action or ("release_automatically" if automatic else "assign_control")
    return await move(
        session, application, chosen, actor, now=now, event_data=_corridor_data(selection)
    )


async def open_control_task(session: AsyncSession, application: Application, now: datetime) -> None:
    """Yellow and red: the executor's ``release_decision`` task (its term from the catalogue)."""
    definition = definition_of(application)
    step = step_of(definition, CONTROL_STEP)
    if step is None:
        raise LookupError(f"{definition.code} has no {CONTROL_STEP} step")
    await open_step(
        session,
        application_id=application.id,
        service=application.service,
        step=step,
        started_at=now,
        calendar=current_calendar(),
        assignee_id=application.executor_id,
    )
    application.current_step = step.code


def release_data(declaration: CustomsDeclaration, paid: WrittenOff) -> dict[str, Any]:
    """What the release document states besides the form (registry.results builders)."""
    return {
        "corridor": declaration.corridor,
        "forms_of_control": list(declaration.forms_of_control),
        "post_clearance_audit": declaration.post_clearance_audit,
        "written_off": paid.amount,
        "ledger_entry_id": paid.entry_id,
        "account_number": declaration.account_number,
        "assessment": dict(declaration.assessment),
    }


async def settle(
    session: AsyncSession, application: Application, now: datetime
) -> WrittenOff | Shortfall | None:
    """Pay for and permit the release of a declaration in ``payment_write_off`` or
    ``payment_required``; None (nothing done) in any other status."""
    if application.status not in (PAYMENT_WRITE_OFF, PAYMENT_REQUIRED):
        return None
    declaration = await declaration_of(session, application.id)
    assessment = declaration.assessment
    outcome = await write_off(
        session,
        declaration.account_number,
        application.id,
        Decimal(declaration.amount_due),
        list(assessment.get("lines", [])),
        actor=SYSTEM.label,
    )
    if isinstance(outcome, WrittenOff):
        declaration.released_at = now
        await move(
            session,
            application,
            "write_off",
            SYSTEM,
            now=now,
            decision=Decision(data=release_data(declaration, outcome)),
            event_data={
                "written_off": outcome.amount,
                "ledger_entry_id": outcome.entry_id,
                "balance_after": outcome.balance_after,
            },
        )
        return outcome
    if application.status == PAYMENT_WRITE_OFF:
        await move(
            session,
            application,
            "await_payment",
            SYSTEM,
            now=now,
            event_data=msgspec.to_builtins(outcome),
        )
    return outcome


async def waiting_for_payment(session: AsyncSession, account_number: str) -> list[uuid.UUID]:
    """The account's declarations in ``payment_required``, oldest first."""
    rows = await session.scalars(
        select(Application.id)
        .join(CustomsDeclaration, CustomsDeclaration.application_id == Application.id)
        .where(
            CustomsDeclaration.account_number == account_number,
            Application.status == PAYMENT_REQUIRED,
        )
        .order_by(Application.created_at, Application.id)
    )
    return list(rows)


class Recipient(msgspec.Struct, frozen=True, kw_only=True):
    number: str
    name: str
    roles: list[str]


def recipients(application: Application, form: CustomsReleaseForm) -> list[Recipient]:
    """The applicant and the interested parties named in the declaration, one per BIN/IIN.

    The consignor (box 2) is a foreign party without a BIN/IIN or a personal cabinet.
    """
    named: list[tuple[str, str, str]] = []
    applicant = application.applicant_bin or application.applicant_iin
    if applicant is not None:
        named.append((applicant, application.applicant_name, "applicant"))
    declarant = form.declarant.bin or form.declarant.iin
    if declarant is not None:
        named.append((declarant, form.declarant.name, "declarant"))
    if form.customs_representative is not None:
        named.append(
            (
                form.customs_representative.bin,
                form.customs_representative.name,
                "customs_representative",
            )
        )
    merged: dict[str, Recipient] = {}
    for number, name, role in named:
        found = merged.get(number)
        roles = [*found.roles, role] if found is not None else [role]
        merged[number] = Recipient(number=number, name=found.name if found else name, roles=roles)
    return list(merged.values())


async def notify(
    session: AsyncSession,
    application: Application,
    decision: str,
    now: datetime,
    data: dict[str, Any] | None = None,
) -> list[Recipient]:
    """Record the ``decision`` for every party (once each) and ask the worker to deliver it."""
    parties = recipients(application, form_of(application))
    body = {
        "status": decision,
        "registration_number": application.registration_number,
        **(data or {}),
    }
    for party in parties:
        await session.execute(
            pg_insert(CustomsNotification)
            .values(
                application_id=application.id,
                decision=decision,
                recipient=party.number,
                recipient_name=party.name,
                roles=party.roles,
                data=body,
                created_at=now,
            )
            .on_conflict_do_nothing()
        )
    await enqueue(
        session,
        Job.DELIVER_CUSTOMS_NOTIFICATIONS,
        {"application_id": str(application.id), "decision": decision},
    )
    return parties


async def collect_goods(
    session: AsyncSession,
    application: Application,
    actor: Actor,
    now: datetime,
    warehouse: dict[str, Any],
) -> Moved:
    """The temporary-storage warehouse reports the goods gone (only after release)."""
    moved = await move(
        session, application, "collect", actor, now=now, event_data={"warehouse": warehouse}
    )
    declaration = await declaration_of(session, application.id)
    declaration.goods_collected_at = now
    declaration.warehouse = warehouse
    return moved


async def settle_waiting(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    application_id: uuid.UUID,
    now: datetime,
) -> bool:
    """:func:`settle` the declaration under its lock, committed; whether it was paid for."""

    async def paid(session: AsyncSession, application: Application) -> bool:
        return isinstance(await settle(session, application, now), WrittenOff)

    return await in_transaction(sessions, redis, application_id, paid)
