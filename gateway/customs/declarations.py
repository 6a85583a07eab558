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
from typing import Annotated, Any

import msgspec
from litestar import Controller, Response, post
from litestar.openapi import ResponseSpec
from litestar.params import Body, FromPath

from gateway.auth import require_scope
from gateway.customs import problem_responses
from gateway.dependencies import (
    OFFICER_DEPENDENCY,
    PARTNER_DEPENDENCY,
    Officer,
    Partner,
    SharedResources,
)
from gateway.officers.auth import require_officer_role
from registry.customs_release.declarations import (
    DeclarationStatus,
    RerouteRequest,
    report_goods_collected,
    reroute_or_propose,
)
from registry.customs_release.risk.changes import RiskChangeView
from registry.forms.common import SINGLE_LINE
from registry.workflow.actors import Actor


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


class WarehouseController(Controller):
    path = "/v1/customs/declarations"
    tags = ["customs"]
    guards = [require_scope("warehouse")]
    dependencies = PARTNER_DEPENDENCY

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

        moved = await report_goods_collected(
            resources.sessions,
            resources.redis,
            application_id,
            partner.id,
            actor,
            warehouse,
            datetime.now(UTC),
        )
        return DeclarationStatus(application_id=moved.application_id, status=moved.target)


class RerouteController(Controller):
    path = "/v1/officer/customs/declarations"
    tags = ["customs", "officers"]
    guards = [require_officer_role("head", "unit_head")]
    dependencies = OFFICER_DEPENDENCY

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
        outcome = await reroute_or_propose(
            resources.sessions, resources.redis, application_id, officer, data, datetime.now(UTC)
        )
        return Response(outcome, status_code=202 if isinstance(outcome, RiskChangeView) else 200)
