"""The simulated export-control agencies (``QAQPA_SIMULATE_AGENCIES``, on under ``make run``).

Locally there are no agencies to ask: every unanswered request of an application is answered
positively through the same path as the agency endpoint (:func:`requests.record_answer`): the
guarantee first, so the clock resumes, then each agency, the last of which starts the risk
assessment. Answered requests are skipped, so a second run has no effect.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Application
from registry.reexport_permit.requests import Answer, record_answer, requests_of
from registry.workflow.runner import in_transaction

SIMULATED = "agency:simulated"


async def _answer_open_requests(
    session: AsyncSession, application: Application, now: datetime
) -> int:
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


async def simulate_answers(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    application_id: uuid.UUID,
    now: datetime,
) -> int:
    """Answer the application's open requests positively, committed; how many were answered."""
    return await in_transaction(
        sessions,
        redis,
        application_id,
        lambda session, application: _answer_open_requests(session, application, now),
    )
