"""``/v1/officer``: the officer's own view of the gateway (more routes join with the worklist)."""

from __future__ import annotations

from litestar import Controller, get

from gateway.dependencies import OFFICER_DEPENDENCY, Officer
from gateway.officers.auth import ANY_OFFICER, AuthenticatedOfficer


class OfficerController(Controller):
    path = "/v1/officer"
    tags = ["officers"]
    dependencies = OFFICER_DEPENDENCY

    @get(
        "/me",
        summary="The officer the token belongs to",
        guards=[ANY_OFFICER],
    )
    async def me(self, officer: Officer) -> AuthenticatedOfficer:
        return officer
