"""S1 declaration endpoints besides the worklist: the warehouse exit and re-routing.

* ``POST /v1/customs/declarations/{id}/goods-collected``: the temporary-storage warehouse
  (a partner with the ``warehouse`` scope) reports that the goods left it; only a released
  declaration may be collected (``invalid_transition`` 409 otherwise), and only by the
  warehouse the declaration names in box 30 (``warehouse_code``): the partner record's
  warehouse code (``qaqpa partners create --warehouse``) must be that one, and the report's
  ``warehouse_code`` too (403 ``warehouse_not_named`` otherwise).
* ``POST /v1/officer/customs/declarations/{id}/reroute``: an authorised officer (head, unit
  head) of the declaration's customs office sends a declaration under control to another
  corridor (registry.customs_release.risk.reroute records it). Yellow or red: applied at once
  (200), it stays under control with the new forms of control. Green or blue would release the goods
  at once, so the re-routing is checked and stored as a pending risk change (202) that a
  second officer approves (``POST /v1/admin/risk-changes/{id}/approve``: four eyes); the
  declaration then goes on to the write-off and release.

Each write is one transaction on the locked application; the status cache entry is deleted
after commit.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, Response, post
from litestar.di import NamedDependency, Provide
from litestar.openapi import ResponseSpec
from litestar.params import Body, FromPath
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.auth import AuthenticatedPartner, current_partner, require_scope
from gateway.customs import problem_responses
from gateway.dependencies import SharedResources
from gateway.officers.auth import AuthenticatedOfficer, current_officer, require_officer_role
from gateway.problems import Problem
from registry.applications.events import append_event
from registry.customs_release.release import (
    AUTOMATIC_CORRIDORS,
    collect_goods,
    declaration_of,
    form_of,
    route,
)
from registry.customs_release.risk import reroute
from registry.customs_release.risk.changes import RiskChangeView, dry_run, propose
from registry.customs_release.service import SERVICE, UNDER_CONTROL
from registry.forms.common import MULTI_LINE, SINGLE_LINE
from registry.models import Application
from registry.models import Partner as PartnerRow
from registry.officers.scope import covers
from registry.workflow.actors import Actor, officer_actor
from registry.workflow.errors import ApplicationNotFoundError, InvalidTransitionError
from registry.workflow.runner import in_transaction

Partner = NamedDependency[AuthenticatedPartner]
Officer = NamedDependency[AuthenticatedOfficer]
CORRIDOR_REROUTED = "corridor_rerouted"


class GoodsCollected(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    warehouse_code: Annotated[
        str,
        msgspec.Meta(
            min_length=1,
            max_length=32,
            pattern=SINGLE_LINE,
            description="УСҚ / СВХ register number.",
            examples=["KZ/14/0031"],
        ),
    ]
    exit_document: (
        Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=SINGLE_LINE)] | None
    ) = None
    collected_at: datetime | None = None


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
        raise Problem(
            403,
            "warehouse_not_named",
            "the declaration does not name this partner's warehouse (box 30 warehouse_code)",
        )


class WarehouseController(Controller):
    path = "/v1/customs/declarations"
    tags = ["customs"]
    guards = [require_scope("warehouse")]
    dependencies = {"partner": Provide(current_partner, sync_to_thread=False)}

    @post(
        "/{application_id:uuid}/goods-collected",
        status_code=200,
        summary="The temporary-storage warehouse reports the released goods collected",
        responses=problem_responses(
            {
                403: ("warehouse_not_named",),
                404: ("application_not_found",),
                409: ("invalid_transition",),
            }
        ),
    )
    async def goods_collected(
        self,
        resources: SharedResources,
        partner: Partner,
        application_id: FromPath[uuid.UUID],
        data: Annotated[GoodsCollected, Body(title="Warehouse exit")],
    ) -> DeclarationStatus:
        actor = Actor(kind="partner", id=str(partner.id), role="system", name=partner.name)
        warehouse: dict[str, Any] = msgspec.to_builtins(data) | {"partner": partner.name}

        async def work(session: AsyncSession, application: Application) -> DeclarationStatus:
            _customs(application)
            await _check_warehouse(session, partner.id, application, data.warehouse_code)
            now = datetime.now(UTC)
            moved = await collect_goods(session, application, actor, now, warehouse)
            return DeclarationStatus(application_id=application.id, status=moved.target)

        return await in_transaction(resources.sessions, resources.redis, application_id, work)


async def apply_reroute(
    session: AsyncSession,
    application: Application,
    officer: AuthenticatedOfficer,
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


class RerouteController(Controller):
    path = "/v1/officer/customs/declarations"
    tags = ["customs", "officers"]
    guards = [require_officer_role("head", "unit_head")]
    dependencies = {"officer": Provide(current_officer, sync_to_thread=False)}

    @post(
        "/{application_id:uuid}/reroute",
        status_code=200,
        summary="Re-route a declaration under control (to green or blue: pending a second officer)",
        responses={
            202: ResponseSpec(
                data_container=RiskChangeView,
                description="Green or blue: the re-routing waits for a second officer's "
                "approval (POST /v1/admin/risk-changes/{id}/approve)",
            )
        },
    )
    async def reroute_declaration(
        self,
        resources: SharedResources,
        officer: Officer,
        application_id: FromPath[uuid.UUID],
        data: Annotated[RerouteRequest, Body(title="Re-routing")],
    ) -> Response[DeclarationStatus | RiskChangeView]:
        payload: dict[str, Any] = msgspec.to_builtins(data)

        async def work(
            session: AsyncSession, application: Application
        ) -> DeclarationStatus | RiskChangeView:
            if not covers(officer, application.service, application.form):
                # Another office's declaration is as unknown to this officer as a missing one.
                raise ApplicationNotFoundError(f"{application.id} is not a declaration you serve")
            now = datetime.now(UTC)
            if data.corridor not in AUTOMATIC_CORRIDORS:  # still under control: no release
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
                    data.corridor,
                    list(data.forms_of_control),
                    officer_id=officer.id,
                    reason=data.reason,
                    at=now,
                ),
            )
            return await propose(
                session, "reroute", payload, officer, now, application_id=declaration_id
            )

        outcome = await in_transaction(resources.sessions, resources.redis, application_id, work)
        return Response(outcome, status_code=202 if isinstance(outcome, RiskChangeView) else 200)
