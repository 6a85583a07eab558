"""The simulated export-control agencies (``QAQPA_SIMULATE_AGENCIES``, on under ``make run``).

Locally there are no agencies to ask: when an S8 application's requests go out, an outbox row
runs this job, which answers every unanswered request of the application positively through
the same path as the agency endpoint (registry.reexport_permit.requests.record_answer): the
guarantee first, so the clock resumes, then each agency, the last of which starts the risk
assessment.
Idempotent: answered requests are skipped, so a second run has no effect.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import Application
from registry.reexport_permit.requests import Answer, record_answer, requests_of
from registry.workflow.runner import in_transaction
from workers.resources import resources_of

logger = structlog.get_logger(__name__)

SIMULATED = "agency:simulated"


async def simulate_agency_answers(ctx: dict[str, Any], application_id: str) -> int:
    """Answer the application's open requests positively; how many were answered."""

    async def work(session: AsyncSession, application: Application) -> int:
        now = datetime.now(UTC)
        pending = [row for row in await requests_of(session, application.id) if row.answer is None]
        pending.sort(key=lambda row: row.kind != "guarantee")  # the guarantee first
        for row in pending:
            answer = Answer(
                answer="positive",
                text="Simulated agency: agreed",
                document_number=f"SIM-{row.agency.upper()}-{row.id.hex[:8]}",
                document_date=now.date(),
            )
            await record_answer(session, application, row, answer, f"{SIMULATED}:{row.agency}", now)
        return len(pending)

    resources = resources_of(ctx)
    answered = await in_transaction(
        resources.sessions, resources.redis, uuid.UUID(application_id), work
    )
    logger.info("agencies_simulated", application_id=application_id, answered=answered)
    return answered
