"""Health endpoints: liveness (the process answers) and readiness (its dependencies answer);
and Prometheus metrics, behind a token.

Metrics name routes, counts and timings an attacker can use to map the gateway and watch the
effect of what they send. With ``QAQPA_METRICS_TOKEN`` set, ``GET /metrics`` wants
``Authorization: Bearer <that token>`` (401 ``unauthorized`` otherwise); without one it is open
outside production (the local stack, tests) and absent in production (404 ``not_found``), so a
forgotten setting fails closed.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable
from typing import Any, Literal

import msgspec
from litestar import Controller, Response, get
from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.plugins.prometheus import PrometheusController
from prometheus_client import CONTENT_TYPE_LATEST
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.auth import bearer_token
from gateway.dependencies import SharedResources
from gateway.problems import Problem, ProblemDocument
from gateway.ratelimit import CLIENT_RATE_LIMIT_EXEMPT
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


# Probes are not counted against the per-address limit: an orchestrator probes every gateway
# from one address, a 429 would take a healthy gateway out of rotation during somebody else's
# flood, and a probe looks up no key or token (readiness is one SELECT 1 and one PING).
_EXEMPT = {CLIENT_RATE_LIMIT_EXEMPT: True}


class HealthController(Controller):
    path = "/health"
    tags = ["health"]

    @get("/live", summary="The process is up", opt=_EXEMPT)
    async def live(self) -> Liveness:
        return Liveness()

    @get(
        "/ready",
        summary="PostgreSQL and Redis are reachable",
        opt=_EXEMPT,
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
    async def ready(self, resources: SharedResources) -> Readiness:
        settings = resources.settings
        timeout = settings.readiness_timeout_seconds
        postgres, redis = await asyncio.gather(
            _check(_postgres_ok(resources.engine), timeout),
            _check(_redis_ok(resources.redis), timeout),
        )
        checks: dict[str, CheckState] = {"postgres": postgres, "redis": redis}
        if "unavailable" in checks.values():
            raise Problem(503, "not_ready", "a dependency is unreachable", extra={"checks": checks})
        return Readiness(status="ready", checks=checks)


async def require_metrics_token(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """The guard of ``/metrics``: the bearer token of ``QAQPA_METRICS_TOKEN`` (see above)."""
    settings: Settings = connection.app.state.settings
    expected = settings.metrics_token
    if not expected:
        if settings.env == "production":
            raise Problem(404, "not_found", "metrics are off: no QAQPA_METRICS_TOKEN is set")
        return
    token = bearer_token(connection) or ""
    # Constant-time comparison: the token must not leak through response timings.
    if not hmac.compare_digest(token.encode(), expected.encode()):
        raise Problem(
            401,
            "unauthorized",
            "send Authorization: Bearer <metrics token>",
            headers={"WWW-Authenticate": 'Bearer realm="qaqpa-metrics"'},
        )


class MetricsController(PrometheusController):
    """Litestar's Prometheus exposition at ``/metrics``, behind :func:`require_metrics_token`."""

    guards = [require_metrics_token]

    # Litestar's handler is documented as JSON; the document must say what it sends (issue 17).
    @get(media_type=CONTENT_TYPE_LATEST, summary="Metrics in the Prometheus text format")
    async def get(self) -> Response[bytes]:
        exposition: Response[bytes] = await PrometheusController.get.fn(self)
        return exposition
