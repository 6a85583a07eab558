"""Webhooks: partners' endpoints and the deliveries of events to them (registry/webhooks/).

An endpoint's signing secret must be usable to sign, so it cannot be hashed like an API key:
it is stored sealed (AES-256-GCM under ``QAQPA_WEBHOOK_SECRET_KEY``, registry/webhooks/secrets.py),
so a copy of the database alone does not reveal it. A rotated-out secret stays (sealed) until
``previous_valid_until`` so deliveries carry both signatures during the grace period.

A delivery is one event for one endpoint; its id is the ``webhook-id`` the partner sees on
every attempt. ``position`` orders an application's deliveries (the application row is locked
when events are appended, so positions follow the event order).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    ForeignKey,
    Identity,
    Index,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base
from registry.models.columns import ApplicationId, NowByDefault


class WebhookEndpoint(Base):
    __tablename__ = "webhook_endpoints"
    __table_args__ = (
        Index(
            "ix_webhook_endpoints_partner",
            "partner_id",
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    # None: an operator's system-wide subscription (stage monitoring) that sees every application.
    partner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("partners.id"))
    url: Mapped[str]
    events: Mapped[list[str]] = mapped_column(ARRAY(Text))
    secret_sealed: Mapped[bytes]
    previous_secret_sealed: Mapped[bytes | None]
    previous_valid_until: Mapped[datetime | None]
    created_at: Mapped[NowByDefault]
    deleted_at: Mapped[datetime | None]
    # The circuit breaker: failed attempts in a row; while open, nothing is attempted.
    consecutive_failures: Mapped[int] = mapped_column(server_default="0", default=0)
    circuit_open_until: Mapped[datetime | None]
    # One delivery runner per endpoint at a time across all workers: a lease, not a session
    # advisory lock, so it holds through PgBouncer's transaction mode and expires after a crash.
    runner_lease_until: Mapped[datetime | None]


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        # The head of each application's queue for an endpoint.
        Index(
            "ix_webhook_deliveries_pending",
            "endpoint_id",
            "application_id",
            "position",
            postgresql_where=text("status = 'pending'"),
        ),
        # The sweeper's scan: pending work that is due.
        Index(
            "ix_webhook_deliveries_due",
            "next_attempt_at",
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_webhook_deliveries_endpoint_status", "endpoint_id", "status", "position"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    position: Mapped[int] = mapped_column(BigInteger, Identity(always=True))
    endpoint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("webhook_endpoints.id"))
    application_id: Mapped[ApplicationId]
    type: Mapped[str] = mapped_column(String(64))
    # The event's ``data`` (no personal data); the link is added when the body is built.
    data: Mapped[dict[str, Any]]
    occurred_at: Mapped[datetime]
    # pending -> delivered | failed (after the retry window); redeliver sets pending again.
    status: Mapped[str] = mapped_column(String(16), server_default="pending", default="pending")
    attempts: Mapped[int] = mapped_column(server_default="0", default=0)
    next_attempt_at: Mapped[NowByDefault]
    window_started_at: Mapped[NowByDefault]
    created_at: Mapped[NowByDefault]
    delivered_at: Mapped[datetime | None]
    # What the last failed attempt met: "http_500", "timeout", "connect", "address_refused"...
    last_error: Mapped[str | None] = mapped_column(String(64))
    last_status_code: Mapped[int | None] = mapped_column(SmallInteger)
