"""``/v1/officer``: the officer's own view of the gateway (more routes join with the worklist)."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency, Provide

from gateway.officers.auth import AuthenticatedOfficer, current_officer, require_officer_role
from registry.officers.roles import ALL_OFFICER_ROLES

Officer = NamedDependency[AuthenticatedOfficer]


class OfficerController(Controller):
    path = "/v1/officer"
    tags = ["officers"]
    dependencies = {"officer": Provide(current_officer, sync_to_thread=False)}

    @get(
        "/me",
        summary="The officer the token belongs to",
        guards=[require_officer_role(*ALL_OFFICER_ROLES)],
    )
    async def me(self, officer: Officer) -> AuthenticatedOfficer:
        return officer
