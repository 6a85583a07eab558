"""S1 declaration use cases besides the worklist: the warehouse exit and re-routing.

Each one is one transaction on the locked declaration, committed here; its status cache entry
goes after the commit (registry.workflow.runner.in_transaction). The gateway's
``gateway.customs.declarations`` and ``gateway.customs.risk_admin`` call them.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import append_event
from registry.customs_release.release import (
    AUTOMATIC_CORRIDORS,
    collect_goods,
    declaration_of,
    form_of,
    route,
)
from registry.customs_release.risk import reroute
from registry.customs_release.risk.changes import (
    RiskChangeNotFoundError,
    RiskChangeView,
    change_view,
    dry_run,
    locked_for_approval,
    mark_applied,
    propose,
)
from registry.customs_release.service import SERVICE, UNDER_CONTROL
from registry.errors import DomainError, Kind
from registry.forms.common import MULTI_LINE, SINGLE_LINE
from registry.models import Application
from registry.models import Partner as PartnerRow
from registry.officers.scope import TaskOfficer, covers
from registry.workflow.actors import Actor, officer_actor
from registry.workflow.engine import Moved
from registry.workflow.errors import ApplicationNotFoundError, InvalidTransitionError
from registry.workflow.runner import in_transaction

CORRIDOR_REROUTED = "corridor_rerouted"


class WarehouseNotNamedError(DomainError):
    """The declaration does not name the reporting partner's warehouse."""

    code = "warehouse_not_named"
    kind = Kind.FORBIDDEN


class RerouteRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    corridor: Literal["green", "blue", "yellow", "red"]
    forms_of_control: list[Annotated[str, msgspec.Meta(max_length=64, pattern=SINGLE_LINE)]] = []
    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=2000, pattern=MULTI_LINE)]


class DeclarationStatus(msgspec.Struct, frozen=True, kw_only=True):
    application_id: uuid.UUID
    status: str
    corridor: str | None = None


def _customs(application: Application) -> None:
    if application.service != SERVICE:  # another service's id is as unknown as a missing one
        raise ApplicationNotFoundError(f"{application.id} is not a customs declaration")


async def _check_warehouse(
    session: AsyncSession, partner_id: uuid.UUID, application: Application, reported: str
) -> None:
    """403 unless the declaration names the partner's registered warehouse (and the report
    says the same): any warehouse partner could otherwise close any declaration's exit."""
    registered = await session.scalar(
        select(PartnerRow.warehouse_code).where(PartnerRow.id == partner_id)
    )
    named = form_of(application).warehouse_code
    if registered is None or named is None or registered != named or reported != named:
        raise WarehouseNotNamedError(
            "the declaration does not name this partner's warehouse (box 30 warehouse_code)"
        )


async def report_goods_collected(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    application_id: uuid.UUID,
    partner_id: uuid.UUID,
    actor: Actor,
    warehouse: dict[str, Any],
    now: datetime,
) -> Moved:
    """The warehouse the declaration names reports the released goods collected
    (``warehouse["warehouse_code"]`` is the code it reports), committed."""

    async def collected(session: AsyncSession, application: Application) -> Moved:
        _customs(application)
        await _check_warehouse(session, partner_id, application, warehouse["warehouse_code"])
        return await collect_goods(session, application, actor, now, warehouse)

    return await in_transaction(sessions, redis, application_id, collected)


async def apply_reroute(
    session: AsyncSession,
    application: Application,
    officer: TaskOfficer,
    payload: dict[str, Any],
    *,
    proposer_id: uuid.UUID,
    now: datetime,
) -> DeclarationStatus:
    """Re-route the locked declaration as ``payload`` (a :class:`RerouteRequest`) says.

    ``proposer_id`` is the officer who decided it (recorded on the selection); ``officer`` is
    who makes it take effect now (the same one for yellow and red, the approving second
    officer for green and blue).
    """
    request = msgspec.convert(payload, RerouteRequest)
    _under_control(application)
    actor = officer_actor(officer)
    selection = await reroute(
        session,
        application.id,
        request.corridor,
        list(request.forms_of_control),
        officer_id=proposer_id,
        reason=request.reason,
        at=now,
    )
    declaration = await declaration_of(session, application.id)
    declaration.corridor = selection.corridor
    declaration.forms_of_control = list(selection.forms_of_control)
    declaration.post_clearance_audit = selection.corridor == "blue"
    if selection.corridor in AUTOMATIC_CORRIDORS:
        await route(session, application, selection, actor, now, action="reroute_release")
    else:
        await append_event(
            session,
            application.id,
            CORRIDOR_REROUTED,
            actor.label,
            {
                "corridor": selection.corridor,
                "forms_of_control": list(selection.forms_of_control),
                "reason": request.reason,
            },
            now,
        )
    return DeclarationStatus(
        application_id=application.id,
        status=application.status,
        corridor=selection.corridor,
    )


def _under_control(application: Application) -> None:
    _customs(application)
    if application.status != UNDER_CONTROL:
        raise InvalidTransitionError(
            f"only a declaration under control is re-routed, not '{application.status}'",
            status=application.status,
        )


async def _rerouted_or_proposed(
    session: AsyncSession,
    application: Application,
    officer: TaskOfficer,
    request: RerouteRequest,
    now: datetime,
) -> DeclarationStatus | RiskChangeView:
    if not covers(officer, application.service, application.form):
        # Another office's declaration is as unknown to this officer as a missing one.
        raise ApplicationNotFoundError(f"{application.id} is not a declaration you serve")
    payload: dict[str, Any] = msgspec.to_builtins(request)
    if request.corridor not in AUTOMATIC_CORRIDORS:  # still under control: no release
        return await apply_reroute(
            session, application, officer, payload, proposer_id=officer.id, now=now
        )
    # Green or blue releases the goods at once: four eyes. The re-routing's own checks
    # (status, corridor, forms, reason, the officer's role) run now in a rolled-back
    # savepoint; it is applied when a second officer approves.
    _under_control(application)
    declaration_id = application.id  # the rollback expires the loaded rows
    await dry_run(
        session,
        lambda nested: reroute(
            nested,
            declaration_id,
            request.corridor,
            list(request.forms_of_control),
            officer_id=officer.id,
            reason=request.reason,
            at=now,
        ),
    )
    return await propose(session, "reroute", payload, officer, now, application_id=declaration_id)


async def reroute_or_propose(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    application_id: uuid.UUID,
    officer: TaskOfficer,
    request: RerouteRequest,
    now: datetime,
) -> DeclarationStatus | RiskChangeView:
    """Re-route the declaration under control: yellow or red at once (its status), green or
    blue as a pending risk change a second officer approves (the change), committed."""
    return await in_transaction(
        sessions,
        redis,
        application_id,
        lambda session, application: _rerouted_or_proposed(
            session, application, officer, request, now
        ),
    )


async def approve_reroute(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    change_id: uuid.UUID,
    application_id: uuid.UUID,
    officer: TaskOfficer,
    now: datetime,
) -> RiskChangeView:
    """A second officer approves the pending re-routing of the declaration and applies it,
    committed."""

    async def approved(session: AsyncSession, application: Application) -> RiskChangeView:
        if not covers(officer, application.service, application.form):
            raise RiskChangeNotFoundError(f"no risk change {change_id}")  # another office's
        row = await locked_for_approval(session, change_id, officer)
        effect = await apply_reroute(
            session, application, officer, row.payload, proposer_id=row.proposed_by, now=now
        )
        mark_applied(row, officer, now)
        await session.flush()
        return change_view(row, effect)

    return await in_transaction(sessions, redis, application_id, approved)
