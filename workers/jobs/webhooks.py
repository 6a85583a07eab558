"""Webhook delivery jobs: ``deliver_webhooks`` (outbox) and the ``sweep_webhooks`` cron.

``deliver_webhooks`` runs one endpoint's due deliveries (registry/webhooks/runner.py); each
event's transaction writes one for its endpoints. Retries are not arq retries: a failed attempt
stores its next time on the delivery, and the sweeper (every 5 s, once per tick across workers
as arq's cron jobs are unique per tick) writes ``deliver_webhooks`` rows for endpoints whose
next attempt is due. So a receiver that is down holds no job and no worker slot while it waits.
"""

from __future__ import annotations

import uuid
from typing import Any

from registry.webhooks.deliveries import wake_due_endpoints
from registry.webhooks.runner import Runner
from workers.resources import resources_of


async def deliver_webhooks(ctx: dict[str, Any], endpoint_id: str) -> int:
    resources = resources_of(ctx)
    return await Runner(resources.sessions, resources.settings).run(uuid.UUID(endpoint_id))


async def sweep_webhooks(ctx: dict[str, Any]) -> int:
    async with resources_of(ctx).sessions() as session, session.begin():
        return await wake_due_endpoints(session)
