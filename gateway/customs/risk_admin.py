"""``/v1/admin/risk-rules`` and ``/v1/admin/risk-lanes``: the risk system's configuration.

Heads manage the selectivity rules and the lane parameters (the same operations as
``qaqpa risk``); every change records the officer. A change applies to declarations selected
after the commit; recorded selections keep the rule codes they fired.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Annotated, TypeVar

import msgspec
from litestar import Controller, get, post, put
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import Body, FromPath, FromQuery
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.officers.auth import AuthenticatedOfficer, current_officer, require_officer_role
from registry.customs.risk.model import LaneView, RuleView
from registry.customs.risk.repository import (
    NewRule,
    add_rule,
    disable_rule,
    list_lanes,
    list_rules,
    set_lane,
)

T = TypeVar("T")
Officer = NamedDependency[AuthenticatedOfficer]
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


def _actor(officer: AuthenticatedOfficer) -> str:
    return f"officer:{officer.id}"


async def _write(state: State, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    async with state.sessions() as session, session.begin():
        return await work(session)


class RiskAdminController(Controller):
    path = "/v1/admin"
    tags = ["risk management"]
    guards = [require_officer_role("head")]
    dependencies = {"officer": Provide(current_officer, sync_to_thread=False)}

    @get("/risk-rules", summary="The selectivity rules, by code")
    async def rules(self, state: State, active: FromQuery[bool | None] = None) -> list[RuleView]:
        async with state.sessions() as session:
            return await list_rules(session, active_only=bool(active))

    @post("/risk-rules", status_code=201, summary="Add a selectivity rule")
    async def add(
        self, state: State, officer: Officer, data: Annotated[NewRule, Body(title="Rule")]
    ) -> RuleView:
        return await _write(state, lambda session: add_rule(session, data, actor=_actor(officer)))

    @post("/risk-rules/{code:str}/disable", status_code=200, summary="Stop applying a rule")
    async def disable(self, state: State, officer: Officer, code: FromPath[str]) -> RuleView:
        return await _write(
            state, lambda session: disable_rule(session, code, actor=_actor(officer))
        )

    @get("/risk-lanes", summary="The lane parameters of the four corridors")
    async def lanes(self, state: State) -> list[LaneView]:
        async with state.sessions() as session:
            return await list_lanes(session)

    @put("/risk-lanes/{corridor:str}", summary="Set a corridor's expected and minimum random rates")
    async def update_lane(
        self,
        state: State,
        officer: Officer,
        corridor: FromPath[str],
        data: Annotated[LaneRequest, Body(title="Lane parameters")],
    ) -> LaneView:
        return await _write(
            state,
            lambda session: set_lane(
                session,
                corridor,
                expected_rate=Decimal(data.expected_rate),
                min_random_rate=Decimal(data.min_random_rate),
                default_forms=data.default_forms,
                actor=_actor(officer),
            ),
        )
