"""``/v1/admin/risk-rules``, ``/v1/admin/risk-lanes``, ``/v1/admin/risk-changes``.

Heads manage the selectivity rules and the lane parameters (the operations of ``qaqpa risk``)
under four eyes (registry.customs_release.risk.changes): ``POST /risk-rules``, ``POST
/risk-rules/{code}/disable`` and ``PUT /risk-lanes/{corridor}`` check the change and answer 202
with a pending change, which ``POST /risk-changes/{id}/approve`` by another head (another
account and another IIN) applies. Re-routings to green or blue wait there too, approved by a
head or unit head. An applied change affects declarations selected after the commit;
recorded selections keep the rule codes they fired.

The configuration is the same for every customs office, so only an officer whose account
covers the customs service at every office may propose or approve it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

import msgspec
from litestar import Controller, get, post, put
from litestar.params import Body, FromPath, FromQuery

from gateway.dependencies import OFFICER_DEPENDENCY, Officer, SharedResources
from gateway.officers.auth import AuthenticatedOfficer, require_officer_role
from gateway.problems import Problem
from registry.customs_release.declarations import approve_reroute
from registry.customs_release.risk.changes import (
    CONFIG_KINDS,
    ChangeKind,
    RiskChangeNotFoundError,
    RiskChangeView,
    approve_config,
    kind_of,
    list_changes,
    propose_config,
)
from registry.customs_release.risk.model import LaneView, RuleView
from registry.customs_release.risk.repository import NewRule, list_lanes, list_rules
from registry.customs_release.service import SERVICE
from registry.officers.roles import ALL
from registry.officers.scope import covers
from registry.resources import Resources

# A share of declarations as a decimal string (like money, so "0.03" stays exact): 0..1, at
# most 4 decimals, which is what the table stores.
Rate = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^(?:0(?:\.\d{1,4})?|1(?:\.0{1,4})?)$",
        description="A share of declarations, 0..1, as a decimal string (at most 4 decimals).",
        examples=["0.03"],
    ),
]


class LaneRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """New parameters of a lane; ``default_forms`` omitted keeps the current ones."""

    expected_rate: Rate
    min_random_rate: Rate
    default_forms: list[str] | None = None


def _require_customs_wide(officer: AuthenticatedOfficer) -> None:
    """Rules and lanes apply at every office: a head scoped to some offices (or services)
    does not change them."""
    if not covers(officer, SERVICE, None) or ALL not in officer.offices:
        raise Problem(
            403,
            "officer_forbidden",
            "the risk configuration is changed by officers of the customs service at every office",
        )


async def _propose(
    resources: Resources,
    officer: AuthenticatedOfficer,
    kind: ChangeKind,
    payload: dict[str, object],
) -> RiskChangeView:
    """Check the change by applying it in a rolled-back savepoint, then store it as pending."""
    _require_customs_wide(officer)
    return await propose_config(resources.sessions, kind, payload, officer, datetime.now(UTC))


class RiskAdminController(Controller):
    path = "/v1/admin"
    tags = ["risk management"]
    guards = [require_officer_role("head")]
    dependencies = OFFICER_DEPENDENCY

    @get("/risk-rules", summary="The selectivity rules, by code")
    async def rules(
        self, resources: SharedResources, active: FromQuery[bool | None] = None
    ) -> list[RuleView]:
        async with resources.sessions() as session:
            return await list_rules(session, active_only=bool(active))

    @post(
        "/risk-rules",
        status_code=202,
        summary="Propose a selectivity rule (applied when a second head approves it)",
    )
    async def add(
        self,
        resources: SharedResources,
        officer: Officer,
        data: Annotated[NewRule, Body(title="Rule")],
    ) -> RiskChangeView:
        return await _propose(resources, officer, "rule_add", msgspec.to_builtins(data))

    @post(
        "/risk-rules/{code:str}/disable",
        status_code=202,
        summary="Propose to stop applying a rule (done when a second head approves it)",
    )
    async def disable(
        self, resources: SharedResources, officer: Officer, code: FromPath[str]
    ) -> RiskChangeView:
        return await _propose(resources, officer, "rule_disable", {"code": code})

    @get("/risk-lanes", summary="The lane parameters of the four corridors")
    async def lanes(self, resources: SharedResources) -> list[LaneView]:
        async with resources.sessions() as session:
            return await list_lanes(session)

    @put(
        "/risk-lanes/{corridor:str}",
        status_code=202,
        summary="Propose a corridor's expected and minimum random rates (second head approves)",
    )
    async def update_lane(
        self,
        resources: SharedResources,
        officer: Officer,
        corridor: FromPath[str],
        data: Annotated[LaneRequest, Body(title="Lane parameters")],
    ) -> RiskChangeView:
        payload = {"corridor": corridor} | msgspec.to_builtins(data)
        return await _propose(resources, officer, "lane_set", payload)


class RiskChangeController(Controller):
    """Pending risk changes and their approval by a second officer."""

    path = "/v1/admin/risk-changes"
    tags = ["risk management"]
    guards = [require_officer_role("head", "unit_head")]
    dependencies = OFFICER_DEPENDENCY

    @get("/", summary="Risk changes, newest first (pending ones with ?pending=true)")
    async def changes(
        self, resources: SharedResources, pending: FromQuery[bool | None] = None
    ) -> list[RiskChangeView]:
        async with resources.sessions() as session:
            return await list_changes(session, pending_only=bool(pending))

    @post(
        "/{change_id:uuid}/approve",
        status_code=200,
        summary="Approve and apply a change another officer proposed (four eyes)",
    )
    async def approve(
        self, resources: SharedResources, officer: Officer, change_id: FromPath[uuid.UUID]
    ) -> RiskChangeView:
        async with resources.sessions() as session:
            kind, application_id = await kind_of(session, change_id)
        if kind in CONFIG_KINDS:
            return await _approve_config(resources, officer, change_id)
        if application_id is None:  # the table's CHECK makes this impossible
            raise RiskChangeNotFoundError(f"risk change {change_id} names no declaration")
        return await approve_reroute(
            resources.sessions,
            resources.redis,
            change_id,
            application_id,
            officer,
            datetime.now(UTC),
        )


async def _approve_config(
    resources: Resources, officer: AuthenticatedOfficer, change_id: uuid.UUID
) -> RiskChangeView:
    if officer.role != "head":  # the configuration routes are the heads' (see the guard above)
        raise Problem(403, "officer_forbidden", "a head approves risk configuration changes")
    _require_customs_wide(officer)
    return await approve_config(resources.sessions, change_id, officer, datetime.now(UTC))
