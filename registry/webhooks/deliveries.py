"""A partner's view of its deliveries, redelivery, and the sweeper's scan of due work."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

import msgspec
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import WebhookDelivery
from registry.outbox import Job, enqueue
from registry.row_views import from_row
from registry.webhooks.endpoints import owned
from registry.webhooks.errors import WebhookDeliveryNotFoundError

DeliveryStatus = Literal["pending", "delivered", "failed"]
MAX_LIST = 500


class DeliveryView(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    type: str
    application_id: uuid.UUID
    status: str
    attempts: int
    occurred_at: datetime
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    last_error: str | None
    last_status_code: int | None


def delivery_view(delivery: WebhookDelivery) -> DeliveryView:
    return from_row(
        DeliveryView,
        delivery,
        next_attempt_at=delivery.next_attempt_at if delivery.status == "pending" else None,
    )


async def endpoint_deliveries(
    session: AsyncSession,
    partner_id: uuid.UUID,
    endpoint_id: uuid.UUID,
    status: DeliveryStatus | None,
    limit: int,
) -> list[DeliveryView]:
    """The endpoint's deliveries, newest first, optionally of one status."""
    await owned(session, partner_id, endpoint_id)
    query = select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint_id)
    if status is not None:
        query = query.where(WebhookDelivery.status == status)
    rows = await session.scalars(
        query.order_by(WebhookDelivery.position.desc()).limit(min(limit, MAX_LIST))
    )
    return [delivery_view(row) for row in rows]


async def redeliver(
    session: AsyncSession,
    partner_id: uuid.UUID,
    endpoint_id: uuid.UUID,
    delivery_id: uuid.UUID,
    now: datetime,
) -> DeliveryView:
    """Send a delivery again (same ``webhook-id``), with a fresh retry window."""
    await owned(session, partner_id, endpoint_id)
    delivery = await session.scalar(
        select(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.endpoint_id == endpoint_id)
        .with_for_update()
    )
    if delivery is None:
        raise WebhookDeliveryNotFoundError(f"no delivery {delivery_id} of webhook {endpoint_id}")
    delivery.status = "pending"
    delivery.window_started_at = now
    delivery.next_attempt_at = now
    delivery.delivered_at = None
    await enqueue(session, Job.DELIVER_WEBHOOKS, {"endpoint_id": str(endpoint_id)})
    await session.flush()
    return delivery_view(delivery)


# Endpoints with a due head of queue, not in a runner's hands and with a closed circuit.
_DUE_ENDPOINTS = text(
    """
    SELECT DISTINCT heads.endpoint_id FROM (
        SELECT DISTINCT ON (endpoint_id, application_id) endpoint_id, next_attempt_at
        FROM webhook_deliveries
        WHERE status = 'pending'
        ORDER BY endpoint_id, application_id, position
    ) AS heads
    JOIN webhook_endpoints AS e ON e.id = heads.endpoint_id
    WHERE heads.next_attempt_at <= now()
      AND e.deleted_at IS NULL
      AND (e.circuit_open_until IS NULL OR e.circuit_open_until <= now())
      AND (e.runner_lease_until IS NULL OR e.runner_lease_until <= now())
    """
)


async def wake_due_endpoints(session: AsyncSession) -> int:
    """Write a ``deliver_webhooks`` outbox row for every endpoint with due work; how many."""
    endpoint_ids = (await session.scalars(_DUE_ENDPOINTS)).all()
    for endpoint_id in endpoint_ids:
        await enqueue(session, Job.DELIVER_WEBHOOKS, {"endpoint_id": str(endpoint_id)})
    return len(endpoint_ids)
