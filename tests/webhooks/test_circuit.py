"""The circuit breaker: an endpoint that keeps failing is left alone for a while.

The runner is called in this process against a receiver that does not listen; two
applications' deliveries fail in one round, which opens the circuit (threshold 2): the next run
attempts nothing, so a dead endpoint costs nothing until the circuit's time is up.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import msgspec
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import WebhookDelivery, WebhookEndpoint
from registry.settings import Settings
from registry.webhooks.runner import Runner
from testkit.pki.config import LEGAL_BIN
from testkit.pki.server import BuiltPki
from tests.conftest import PartnerKey
from tests.workflow.conftest import submit

Client = AsyncTestClient[Litestar]
NOBODY = "http://127.0.0.1:9/hooks"  # the discard port: nothing listens


async def test_failures_in_a_row_open_the_circuit_and_the_next_run_attempts_nothing(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    partner: PartnerKey = await make_partner()
    created = await client.post(
        "/v1/webhooks",
        json={"url": NOBODY, "events": ["application.status_changed"]},
        headers=partner.headers,
    )
    endpoint_id = uuid.UUID(created.json()["id"])
    applications = [
        await submit(client, partner, pki, "pm-special-registration", bin=LEGAL_BIN)
        for _ in range(2)
    ]
    async with sessions() as session, session.begin():
        await session.execute(
            insert(WebhookDelivery),
            [
                {
                    "id": uuid.uuid4(),
                    "endpoint_id": endpoint_id,
                    "application_id": application_id,
                    "type": "application.status_changed",
                    "data": {"application_id": str(application_id), "status": "received"},
                    "occurred_at": datetime.now(UTC),
                }
                for application_id in applications
            ],
        )
    breaker = msgspec.structs.replace(
        settings, webhook_circuit_failures=2, webhook_circuit_open_seconds=3600.0
    )
    runner = Runner(sessions, breaker)

    assert await runner.run(endpoint_id) == 0
    attempts = await _attempts(sessions, endpoint_id)
    assert attempts == [(1, "pending", "connect"), (1, "pending", "connect")]
    async with sessions() as session:
        endpoint = await session.get(WebhookEndpoint, endpoint_id)
    assert endpoint is not None and endpoint.circuit_open_until is not None
    assert endpoint.consecutive_failures == 2 and endpoint.runner_lease_until is None

    # Even with every delivery due now, an open circuit means no attempt at all.
    async with sessions() as session, session.begin():
        rows = await session.scalars(
            select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint_id)
        )
        for row in rows:
            row.next_attempt_at = datetime.now(UTC)
    assert await runner.run(endpoint_id) == 0
    assert await _attempts(sessions, endpoint_id) == attempts


async def _attempts(
    sessions: async_sessionmaker[AsyncSession], endpoint_id: uuid.UUID
) -> list[tuple[int, str, str | None]]:
    async with sessions() as session:
        rows = await session.execute(
            select(WebhookDelivery.attempts, WebhookDelivery.status, WebhookDelivery.last_error)
            .where(WebhookDelivery.endpoint_id == endpoint_id)
            .order_by(WebhookDelivery.position)
        )
    return [(row.attempts, row.status, row.last_error) for row in rows]
