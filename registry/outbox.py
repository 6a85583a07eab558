"""Enqueueing background work: the one place that writes outbox rows.

:func:`enqueue` adds a row to the transactional outbox (:mod:`registry.models.outbox`) in the
caller's transaction, so the job exists exactly when the change causing it commits. The
workers' relay (workers/outbox/relay.py) later sends the row as an arq job whose job id is the
row id; the database's statement trigger (migration 0014) wakes the relay.

:class:`Job` names every job the system enqueues. Its values are the arq function names the
workers register (workers/settings.py checks at start that the two agree) and are stored in the
``outbox.job`` column, so a value is never renamed: rows written before a rename would find no
worker.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

import msgspec
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from registry.ids import uuid7
from registry.models import OutboxMessage


class Job(StrEnum):
    """The arq jobs written to the outbox, by the function name the workers register."""

    # An accepted application: register it (workers/jobs/workflow.py).
    REGISTER_APPLICATION = "register_application"
    # A result approved for signature: sign and issue it (workers/jobs/signing.py).
    SIGN_RESULT = "sign_result"
    # S8 with QAQPA_SIMULATE_AGENCIES: answer the agencies' requests (workers/jobs/agencies.py).
    SIMULATE_AGENCY_ANSWERS = "simulate_agency_answers"
    # S1: deliver a decision's notifications to the parties (workers/jobs/customs.py).
    DELIVER_CUSTOMS_NOTIFICATIONS = "deliver_customs_notifications"
    # S1: a top-up may pay for declarations waiting in payment_required (workers/jobs/customs.py).
    RELEASE_PAID_DECLARATIONS = "release_paid_declarations"
    # Webhooks: deliver an endpoint's due deliveries, in order per application
    # (workers/jobs/webhooks.py over registry/webhooks/runner.py).
    DELIVER_WEBHOOKS = "deliver_webhooks"
    # Diagnostics (workers/outbox/probe.py, workers/jobs/diagnostics.py): the probe writes pings.
    OUTBOX_PROBE = "outbox_probe"
    PING = "ping"


async def enqueue(
    session: AsyncSession, job: Job, payload: Mapping[str, object] | msgspec.Struct
) -> uuid.UUID:
    """Write an outbox row for ``job`` with ``payload`` as its keyword arguments; return its id.

    The row is inserted now, in the caller's (open) transaction, and commits or rolls back with
    it. ``payload`` becomes JSON: UUIDs and datetimes turn into strings, a Struct into an object.
    """
    row_id = uuid7()
    arguments = _arguments(payload)
    await session.execute(insert(OutboxMessage).values(id=row_id, job=job.value, payload=arguments))
    return row_id


def _arguments(payload: Mapping[str, object] | msgspec.Struct) -> dict[str, Any]:
    arguments: dict[str, Any] = msgspec.to_builtins(
        payload if isinstance(payload, msgspec.Struct) else dict(payload)
    )
    return arguments


def insert_statement(source: str, first: int) -> str:
    """An outbox INSERT for a data-modifying CTE of raw SQL (intake's one statement): a row per
    row of ``source``, its id, job and payload being the parameters ``$first`` to
    ``$first + 2``, in the order :func:`insert_parameters` gives them."""
    # `source` and `first` are the caller's constants, never input.
    values = f"${first}, ${first + 1}, ${first + 2}::jsonb"
    return f"INSERT INTO outbox (id, job, payload) SELECT {values} FROM {source}"  # noqa: S608


def insert_parameters(
    job: Job, payload: Mapping[str, object] | msgspec.Struct
) -> tuple[uuid.UUID, str, str]:
    """The parameters of :func:`insert_statement`: a new row id, the job, the JSON payload."""
    return uuid7(), job.value, msgspec.json.encode(_arguments(payload)).decode()
