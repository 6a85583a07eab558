"""``/v1/officer``: the officer's own view of the gateway (more routes join with the worklist)."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency, Provide

from gateway.officers.auth import (
    ANY_OFFICER,
    AuthenticatedOfficer,
    current_officer,
)

Officer = NamedDependency[AuthenticatedOfficer]


class OfficerController(Controller):
    path = "/v1/officer"
    tags = ["officers"]
    dependencies = {"officer": Provide(current_officer, sync_to_thread=False)}

    @get(
        "/me",
        summary="The officer the token belongs to",
        guards=[ANY_OFFICER],
    )
    async def me(self, officer: Officer) -> AuthenticatedOfficer:
        return officer
