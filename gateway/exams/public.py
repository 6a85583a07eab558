"""``GET /v1/exam-sessions``: the published schedule (001 p.4), no authentication.

Upcoming sessions only, soonest first, with place, time, capacity and seats left; portals
show it to candidates choosing an exam date. The answer key is never part of it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from litestar import Controller, get
from litestar.params import FromQuery, QueryParameter

from gateway.dependencies import SharedResources
from registry.declarant_certificate.sessions import PublicExamSession, upcoming_sessions


class ExamScheduleController(Controller):
    path = "/v1/exam-sessions"
    tags = ["exams"]

    @get("/", summary="Upcoming qualification exam sessions with their seats left")
    async def upcoming(
        self,
        resources: SharedResources,
        revenue_body: FromQuery[str | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500)] = 100,
    ) -> list[PublicExamSession]:
        async with resources.sessions() as session:
            return await upcoming_sessions(
                session, datetime.now(UTC), revenue_body=revenue_body, limit=limit
            )
