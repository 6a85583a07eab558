"""Delivering an endpoint's due deliveries: in order per application, retried with back-off.

One runner per endpoint at a time across all workers, held by a lease on the endpoint row
(``runner_lease_until``): a job that finds the lease taken ends at once, the holder finds its
work. After releasing the lease the runner looks again and, if something became due meanwhile,
takes the lease again, so a delivery committed while the lease was held is never left waiting
for the sweeper.

Per round it claims the head (oldest pending delivery) of up to ``QAQPA_WEBHOOK_CONCURRENCY``
applications, those due now: the per-endpoint concurrency limit, so a slow receiver holds at
most that many requests, and an application's later events wait behind its head. A claim
pushes ``next_attempt_at`` a lease ahead, so the sweeper does not start the same attempt
twice. A failed attempt schedules the next with exponential back-off and jitter; once the
retry window (``QAQPA_WEBHOOK_RETRY_WINDOW_SECONDS`` since the event or its redelivery) is
over, the delivery is ``failed`` and the next of its application becomes the head.

The circuit breaker: ``QAQPA_WEBHOOK_CIRCUIT_FAILURES`` failed attempts in a row open it for
``QAQPA_WEBHOOK_CIRCUIT_OPEN_SECONDS``; while open nothing is attempted, then one delivery is
tried alone (half-open) and a success closes it. A receiver that is down thus costs one
request per period, not one per event, and never a worker's slot for long.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import msgspec
import structlog
from sqlalchemy import func, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import WebhookDelivery, WebhookEndpoint
from registry.settings import Settings
from registry.webhooks.endpoints import signing_secrets
from registry.webhooks.sender import Message, Outcome, attempt
from registry.webhooks.targets import resolver_for

logger = structlog.get_logger(__name__)

# Heads of the endpoint's applications' queues that are due now (the pending index).
_DUE_HEADS = text(
    """
    SELECT id FROM (
        SELECT DISTINCT ON (application_id) id, next_attempt_at
        FROM webhook_deliveries
        WHERE endpoint_id = :endpoint_id AND status = 'pending'
        ORDER BY application_id, position
    ) AS heads
    WHERE next_attempt_at <= now()
    ORDER BY next_attempt_at
    LIMIT :limit
    """
)


def retry_delay(attempts: int, settings: Settings) -> float:
    """Seconds before the next attempt after ``attempts`` failed: doubling, capped, jittered."""
    base = settings.webhook_retry_base_seconds * 2.0 ** max(attempts - 1, 0)
    return min(base, settings.webhook_retry_max_seconds) * random.uniform(0.5, 1.5)  # noqa: S311


class Runner:
    """Delivers one endpoint's due deliveries; see the module docstring."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self.sessions = sessions
        self.settings = settings
        self.lease = timedelta(seconds=settings.webhook_timeout_seconds * 2 + 30)
        self.production = settings.env == "production"

    async def run(self, endpoint_id: uuid.UUID) -> int:
        """Deliver until nothing is due; how many were delivered (0 if another runner runs)."""
        delivered = 0
        while await self._take_lease(endpoint_id):
            try:
                delivered += await self._rounds(endpoint_id)
            finally:
                await self._release_lease(endpoint_id)
            if not await self._has_due(endpoint_id):
                break
        return delivered

    async def _rounds(self, endpoint_id: uuid.UUID) -> int:
        delivered = 0
        timeout = aiohttp.ClientTimeout(total=self.settings.webhook_timeout_seconds)
        connector = aiohttp.TCPConnector(resolver=resolver_for(self.production))
        async with aiohttp.ClientSession(timeout=timeout, connector=connector) as http:
            while messages := await self._claim(endpoint_id):
                outcomes = await asyncio.gather(
                    *(attempt(http, message, production=self.production) for message in messages)
                )
                await self._record(endpoint_id, outcomes)
                delivered += sum(outcome.delivered for outcome in outcomes)
        return delivered

    async def _take_lease(self, endpoint_id: uuid.UUID) -> bool:
        async with self.sessions() as session, session.begin():
            taken = await session.scalar(
                update(WebhookEndpoint)
                .where(
                    WebhookEndpoint.id == endpoint_id,
                    WebhookEndpoint.deleted_at.is_(None),
                    (WebhookEndpoint.runner_lease_until.is_(None))
                    | (WebhookEndpoint.runner_lease_until < func.now()),
                )
                .values(runner_lease_until=func.now() + self.lease)
                .returning(WebhookEndpoint.id)
            )
        return taken is not None

    async def _release_lease(self, endpoint_id: uuid.UUID) -> None:
        async with self.sessions() as session, session.begin():
            await session.execute(
                update(WebhookEndpoint)
                .where(WebhookEndpoint.id == endpoint_id)
                .values(runner_lease_until=None)
            )

    async def _has_due(self, endpoint_id: uuid.UUID) -> bool:
        async with self.sessions() as session:
            endpoint = await session.get(WebhookEndpoint, endpoint_id)
            if endpoint is None or endpoint.deleted_at is not None or _circuit_open(endpoint):
                return False
            heads = await session.execute(_DUE_HEADS, {"endpoint_id": endpoint_id, "limit": 1})
            return heads.first() is not None

    async def _claim(self, endpoint_id: uuid.UUID) -> list[Message]:
        async with self.sessions() as session, session.begin():
            endpoint = await session.get(WebhookEndpoint, endpoint_id)
            if endpoint is None or endpoint.deleted_at is not None or _circuit_open(endpoint):
                return []
            half_open = endpoint.consecutive_failures >= self.settings.webhook_circuit_failures
            limit = 1 if half_open else self.settings.webhook_concurrency
            heads = await session.execute(_DUE_HEADS, {"endpoint_id": endpoint_id, "limit": limit})
            ids = [row.id for row in heads]
            if not ids:
                return []
            claimed = (
                await session.scalars(
                    update(WebhookDelivery)
                    .where(WebhookDelivery.id.in_(ids), WebhookDelivery.status == "pending")
                    .values(
                        attempts=WebhookDelivery.attempts + 1,
                        next_attempt_at=func.now() + self.lease,
                    )
                    .returning(WebhookDelivery)
                )
            ).all()
            endpoint.runner_lease_until = func.now() + self.lease
            secrets = tuple(signing_secrets(endpoint, self.settings, datetime.now(UTC)))
            return [
                Message(
                    delivery_id=str(delivery.id),
                    url=endpoint.url,
                    body=body(delivery, self.settings.base_url),
                    secrets=secrets,
                )
                for delivery in claimed
            ]

    async def _record(self, endpoint_id: uuid.UUID, outcomes: list[Outcome]) -> None:
        async with self.sessions() as session, session.begin():
            endpoint = await session.get(WebhookEndpoint, endpoint_id, with_for_update=True)
            now = datetime.now(UTC)
            for outcome in outcomes:
                delivery = await session.get(WebhookDelivery, uuid.UUID(outcome.delivery_id))
                if delivery is not None:
                    self._apply(delivery, outcome, now)
            if endpoint is not None:
                self._breaker(endpoint, outcomes, now)

    def _apply(self, delivery: WebhookDelivery, outcome: Outcome, now: datetime) -> None:
        delivery.last_status_code = outcome.status_code
        if outcome.delivered:
            delivery.status = "delivered"
            delivery.delivered_at = now
            delivery.last_error = None
            return
        delivery.last_error = outcome.error
        window = timedelta(seconds=self.settings.webhook_retry_window_seconds)
        if now - delivery.window_started_at >= window:
            delivery.status = "failed"
            logger.warning(
                "webhook_delivery_failed",
                delivery_id=str(delivery.id),
                endpoint_id=str(delivery.endpoint_id),
                attempts=delivery.attempts,
                error=outcome.error,
            )
            return
        delay = retry_delay(delivery.attempts, self.settings)
        delivery.next_attempt_at = now + timedelta(seconds=delay)

    def _breaker(self, endpoint: WebhookEndpoint, outcomes: list[Outcome], now: datetime) -> None:
        if any(outcome.delivered for outcome in outcomes):
            endpoint.consecutive_failures = 0
            endpoint.circuit_open_until = None
            return
        endpoint.consecutive_failures += len(outcomes)
        if endpoint.consecutive_failures >= self.settings.webhook_circuit_failures:
            opened = timedelta(seconds=self.settings.webhook_circuit_open_seconds)
            endpoint.circuit_open_until = now + opened
            logger.warning(
                "webhook_circuit_open",
                endpoint_id=str(endpoint.id),
                failures=endpoint.consecutive_failures,
            )


def _circuit_open(endpoint: WebhookEndpoint) -> bool:
    until = endpoint.circuit_open_until
    return until is not None and until > datetime.now(until.tzinfo)


def body(delivery: WebhookDelivery, base_url: str) -> bytes:
    """The JSON body of a delivery: ``type``, ``timestamp`` and ``data`` with the link."""
    data: dict[str, Any] = dict(delivery.data)
    data["link"] = f"{base_url}/v1/applications/{delivery.application_id}"
    return msgspec.json.encode(
        {"type": delivery.type, "timestamp": delivery.occurred_at.isoformat(), "data": data}
    )
