"""Registering, listing, deleting webhook endpoints and rotating their secrets.

A partner sees only its own endpoints; another partner's id is 404 as if it did not exist.
The secret is returned once, by :func:`register` and :func:`rotate_secret`, and then only
used sealed (:mod:`registry.webhooks.secrets`).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import WebhookEndpoint
from registry.settings import Settings
from registry.webhooks import secrets
from registry.webhooks.errors import WebhookEventUnknownError, WebhookNotFoundError
from registry.webhooks.events import EVENT_TYPES, SYSTEM_EVENTS
from registry.webhooks.targets import check_resolves_public, check_url


class WebhookView(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    url: str
    events: list[str]
    created_at: datetime
    # When the rotated-out secret stops signing (None: no rotation in its grace period).
    previous_secret_valid_until: datetime | None = None
    circuit_open_until: datetime | None = None


class WebhookWithSecret(WebhookView, frozen=True, kw_only=True):
    """An endpoint with its signing secret: returned once, on creation and on rotation."""

    secret: str


def view(endpoint: WebhookEndpoint, now: datetime) -> WebhookView:
    grace = endpoint.previous_valid_until
    return WebhookView(
        id=endpoint.id,
        url=endpoint.url,
        events=list(endpoint.events),
        created_at=endpoint.created_at,
        previous_secret_valid_until=grace if grace is not None and grace > now else None,
        circuit_open_until=endpoint.circuit_open_until,
    )


def _with_secret(endpoint: WebhookEndpoint, secret: str, now: datetime) -> WebhookWithSecret:
    return WebhookWithSecret(**msgspec.structs.asdict(view(endpoint, now)), secret=secret)


def checked_events(events: list[str]) -> list[str]:
    unknown = sorted(set(events) - set(EVENT_TYPES))
    if unknown or not events:
        raise WebhookEventUnknownError(
            f"unknown event types: {', '.join(unknown) or '(none given)'}; "
            f"known: {', '.join(EVENT_TYPES)}",
            known=list(EVENT_TYPES),
        )
    return sorted(set(events), key=EVENT_TYPES.index)


async def checked_url(url: str, settings: Settings) -> str:
    production = settings.env == "production"
    check_url(url, production=production)
    if production:
        await check_resolves_public(url)
    return url


async def register(
    session: AsyncSession,
    settings: Settings,
    partner_id: uuid.UUID | None,
    url: str,
    events: list[str],
    now: datetime,
) -> WebhookWithSecret:
    """A new endpoint (``partner_id`` None: a system-wide subscription) and its secret."""
    wanted = checked_events(events) if partner_id is not None else list(SYSTEM_EVENTS)
    await checked_url(url, settings)
    secret = secrets.new_secret()
    endpoint_id = uuid.uuid4()
    endpoint = WebhookEndpoint(
        id=endpoint_id,
        partner_id=partner_id,
        url=url,
        events=wanted,
        secret_sealed=secrets.seal(secrets.sealing_key(settings), endpoint_id, secret),
        created_at=now,
    )
    session.add(endpoint)
    await session.flush()
    return _with_secret(endpoint, secret, now)


async def owned(
    session: AsyncSession, partner_id: uuid.UUID, endpoint_id: uuid.UUID, *, lock: bool = False
) -> WebhookEndpoint:
    query = select(WebhookEndpoint).where(
        WebhookEndpoint.id == endpoint_id,
        WebhookEndpoint.partner_id == partner_id,
        WebhookEndpoint.deleted_at.is_(None),
    )
    endpoint = await session.scalar(query.with_for_update() if lock else query)
    if endpoint is None:
        raise WebhookNotFoundError(f"no webhook {endpoint_id} for this partner")
    return endpoint


async def partner_endpoints(
    session: AsyncSession, partner_id: uuid.UUID, now: datetime
) -> list[WebhookView]:
    endpoints = await session.scalars(
        select(WebhookEndpoint)
        .where(WebhookEndpoint.partner_id == partner_id, WebhookEndpoint.deleted_at.is_(None))
        .order_by(WebhookEndpoint.created_at, WebhookEndpoint.id)
    )
    return [view(endpoint, now) for endpoint in endpoints]


async def delete(
    session: AsyncSession, partner_id: uuid.UUID, endpoint_id: uuid.UUID, now: datetime
) -> None:
    """Stop deliveries to the endpoint (kept, marked deleted, for its delivery history)."""
    endpoint = await owned(session, partner_id, endpoint_id, lock=True)
    endpoint.deleted_at = now


async def rotate_secret(
    session: AsyncSession,
    settings: Settings,
    partner_id: uuid.UUID,
    endpoint_id: uuid.UUID,
    now: datetime,
) -> WebhookWithSecret:
    """A new secret; the current one keeps signing (beside it) for the grace period."""
    endpoint = await owned(session, partner_id, endpoint_id, lock=True)
    secret = secrets.new_secret()
    endpoint.previous_secret_sealed = endpoint.secret_sealed
    endpoint.previous_valid_until = now + timedelta(seconds=settings.webhook_secret_grace_seconds)
    endpoint.secret_sealed = secrets.seal(secrets.sealing_key(settings), endpoint.id, secret)
    return _with_secret(endpoint, secret, now)


def signing_secrets(endpoint: WebhookEndpoint, settings: Settings, now: datetime) -> list[str]:
    """The secrets a delivery is signed with now: the current one, and the previous one in
    its grace period (Standard Webhooks lets a header carry several signatures)."""
    key = secrets.sealing_key(settings)
    current = [secrets.unseal(key, endpoint.id, endpoint.secret_sealed)]
    previous = endpoint.previous_secret_sealed
    until = endpoint.previous_valid_until
    if previous is not None and until is not None and until > now:
        current.append(secrets.unseal(key, endpoint.id, previous))
    return current
