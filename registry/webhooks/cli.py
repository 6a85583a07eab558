"""``qaqpa webhooks subscribe-all|list-all|unsubscribe``: the operator's stage monitoring.

Every regulation asks that each change of stage be reported to the state-services monitoring
system. ``subscribe-all URL`` creates a system-wide subscription (no partner) that receives
every ``application.status_changed`` of every application, with its step, due time and
whether the step just closed was on time, through the same delivery machinery as partners'
webhooks. Each command prints one JSON object; the secret only once.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import click
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from registry.cli_support import command_settings, print_json
from registry.db import run_in_session
from registry.models import WebhookEndpoint
from registry.webhooks.endpoints import register
from registry.webhooks.errors import WebhookUrlRefusedError


@click.group()
def webhooks() -> None:
    """System-wide webhook subscriptions (stage monitoring)."""


@webhooks.command("subscribe-all")
@click.argument("url")
def subscribe_all(url: str) -> None:
    """Send every application's stage changes to URL; prints the id and the secret (once)."""
    settings = command_settings()

    async def work(session: AsyncSession) -> dict[str, object]:
        created = await register(session, settings, None, url, [], datetime.now(UTC))
        return {"id": str(created.id), "url": created.url, "events": created.events,
                "secret": created.secret}  # fmt: skip

    try:
        print_json(run_in_session(work, settings.database_url))
    except WebhookUrlRefusedError as exc:
        raise click.BadParameter(exc.detail, param_hint="URL") from exc


@webhooks.command("list-all")
def list_all() -> None:
    """The system-wide subscriptions (never their secrets)."""
    settings = command_settings()

    async def work(session: AsyncSession) -> dict[str, object]:
        rows = await session.scalars(
            select(WebhookEndpoint)
            .where(WebhookEndpoint.partner_id.is_(None), WebhookEndpoint.deleted_at.is_(None))
            .order_by(WebhookEndpoint.created_at)
        )
        return {"subscriptions": [{"id": str(r.id), "url": r.url} for r in rows]}

    print_json(run_in_session(work, settings.database_url))


@webhooks.command("unsubscribe")
@click.argument("subscription_id", type=click.UUID)
def unsubscribe(subscription_id: uuid.UUID) -> None:
    """End a system-wide subscription (exit 1 when there is no such active one)."""
    settings = command_settings()

    async def work(session: AsyncSession) -> bool:
        ended = await session.scalar(
            update(WebhookEndpoint)
            .where(
                WebhookEndpoint.id == subscription_id,
                WebhookEndpoint.partner_id.is_(None),
                WebhookEndpoint.deleted_at.is_(None),
            )
            .values(deleted_at=datetime.now(UTC))
            .returning(WebhookEndpoint.id)
        )
        return ended is not None

    if not run_in_session(work, settings.database_url):
        raise click.ClickException(f"no active system-wide subscription {subscription_id}")
    print_json({"id": str(subscription_id), "unsubscribed": True})
