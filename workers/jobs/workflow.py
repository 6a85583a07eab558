"""Workflow jobs: registration of received applications, and the deadline monitor.

Jobs run at least once: registration checks the application's status under its row lock
first, so a second run (a worker died after committing, before arq recorded the result) finds
it registered and does nothing.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import structlog

from registry.complaints.deadlines import record_missed_complaints
from registry.workflow.deadlines import overdue_counts, record_missed
from registry.workflow.registration import register_received
from workers.metrics import DEADLINES_MISSED, OVERDUE_STEPS
from workers.resources import resources_of, statedb_of

logger = structlog.get_logger(__name__)


async def register_application(ctx: dict[str, Any], application_id: str) -> str | None:
    """Register the application (number, journal, first step); its new status, or None."""

    resources = resources_of(ctx)
    moved = await register_received(
        resources.sessions,
        resources.redis,
        uuid.UUID(application_id),
        datetime.now(UTC),
        statedb=statedb_of(ctx),
    )
    status = None if moved is None else moved.target
    logger.info("application_registered", application_id=application_id, status=status)
    return status


async def monitor_deadlines(ctx: dict[str, Any]) -> int:
    """Record newly missed deadlines (steps and complaints) and refresh the overdue gauges."""
    now = datetime.now(UTC)
    resources = resources_of(ctx)
    recorded = await record_missed(resources.sessions, now, redis=resources.redis)
    recorded += await record_missed_complaints(resources.sessions, now, redis=resources.redis)
    async with resources.sessions() as session:
        counts = await overdue_counts(session, now)
    OVERDUE_STEPS.clear()
    for count in counts:
        OVERDUE_STEPS.labels(service=count.service, step=count.step).set(count.count)
    DEADLINES_MISSED.inc(recorded)
    if recorded:
        logger.info("deadlines_missed", recorded=recorded)
    return recorded
