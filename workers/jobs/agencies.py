"""The simulated export-control agencies (``QAQPA_SIMULATE_AGENCIES``, on under ``make run``).

When an S8 application's requests go out, an outbox row runs this job, which answers every
unanswered request of the application positively (registry.reexport_permit.simulation).
Idempotent: answered requests are skipped, so a second run has no effect.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import structlog

from registry.reexport_permit.simulation import simulate_answers
from workers.resources import resources_of

logger = structlog.get_logger(__name__)


async def simulate_agency_answers(ctx: dict[str, Any], application_id: str) -> int:
    """Answer the application's open requests positively; how many were answered."""
    resources = resources_of(ctx)
    answered = await simulate_answers(
        resources.sessions, resources.redis, uuid.UUID(application_id), datetime.now(UTC)
    )
    logger.info("agencies_simulated", application_id=application_id, answered=answered)
    return answered
