"""Health endpoints: liveness (the process answers) and readiness (its dependencies answer)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Literal

import msgspec
from litestar import Controller, get
from litestar.datastructures import State
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.problems import Problem, ProblemDocument
from registry.settings import Settings

CheckState = Literal["ok", "unavailable"]


class Liveness(msgspec.Struct):
    status: Literal["ok"] = "ok"


class Readiness(msgspec.Struct):
    status: Literal["ready"]
    checks: dict[str, CheckState]


async def _postgres_ok(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


async def _redis_ok(redis: Redis) -> None:
    await redis.ping()


async def _check(probe: Awaitable[None], limit: float) -> CheckState:
    try:
        async with asyncio.timeout(limit):
            await probe
    except Exception:  # any failure, timeouts included, means "not reachable"
        return "unavailable"
    return "ok"


class HealthController(Controller):
    path = "/health"
    tags = ["health"]

    @get("/live", summary="The process is up")
    async def live(self) -> Liveness:
        return Liveness()

    @get(
        "/ready",
        summary="PostgreSQL and Redis are reachable",
        responses={
            503: ResponseSpec(
                data_container=ProblemDocument,
                generate_examples=False,
                description="A dependency is unreachable (problem code `not_ready`)",
                media_type="application/problem+json",
                examples=[
                    Example(
                        value={
                            "type": "urn:qaqpa:problem:not_ready",
                            "title": "The service is not ready",
                            "status": 503,
                            "code": "not_ready",
                            "checks": {"postgres": "ok", "redis": "unavailable"},
                        }
                    )
                ],
            )
        },
    )
    async def ready(self, state: State) -> Readiness:
        settings: Settings = state.settings
        timeout = settings.readiness_timeout_seconds
        postgres, redis = await asyncio.gather(
            _check(_postgres_ok(state.engine), timeout),
            _check(_redis_ok(state.redis), timeout),
        )
        checks: dict[str, CheckState] = {"postgres": postgres, "redis": redis}
        if "unavailable" in checks.values():
            raise Problem(503, "not_ready", "a dependency is unreachable", extra={"checks": checks})
        return Readiness(status="ready", checks=checks)
