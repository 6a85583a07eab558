"""Requests to the export-control agencies and the guarantee check, and their answers.

When the completeness check passes, one request per configured agency and one guarantee
confirmation request to the foreign ministry are written, and the clock is paused (004 p.10:
the 30 working days exclude the time the guarantee is being confirmed). Each answer is
recorded once, in the application's transaction:

* the guarantee's answer (confirmed or not) ends the wait: the clock resumes, and the stored
  due times of the open step and of the total term move by the paused time;
* the last agency answer starts the risk assessment (``answers_received``, 5 working days).

Both orders work; a permit is approved only once both are in (see
registry.reexport_permit.hooks).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

import msgspec
from redis.asyncio import Redis
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import append_event
from registry.models import Application, ReexportRequest
from registry.reexport_permit.agencies import AgencyConfig
from registry.reexport_permit.errors import AgencyRequestAnsweredError, AgencyRequestNotFoundError
from registry.workflow.actors import SYSTEM, Actor
from registry.workflow.engine import lock_application, move
from registry.workflow.pauses import pause, resume
from registry.workflow.runner import committed

GUARANTEE_PAUSE = "guarantee_confirmation"
REQUESTS_SENT = "agency_requests_sent"
AGENCY_ANSWERED = "agency_answered"
WAITING_STATUS = "interagency_requests"
ANSWERS_RECEIVED = "answers_received"

AnswerKind = Literal["positive", "negative"]


class Answer(msgspec.Struct, frozen=True, kw_only=True):
    """An agency's answer: agreed (guarantee confirmed) or not, why, and its letter."""

    answer: AnswerKind
    text: str | None = None
    document_number: str | None = None
    document_date: date | None = None


async def requests_of(session: AsyncSession, application_id: uuid.UUID) -> list[ReexportRequest]:
    rows = await session.scalars(
        select(ReexportRequest)
        .where(ReexportRequest.application_id == application_id)
        .order_by(ReexportRequest.kind, ReexportRequest.agency)
    )
    return list(rows)


async def send_requests(
    session: AsyncSession,
    application: Application,
    config: AgencyConfig,
    actor: Actor,
    now: datetime,
) -> None:
    """Write the requests and pause the clock; a second call changes nothing."""
    if await requests_of(session, application.id):
        return
    rows = [("agency", code) for code in config.agencies]
    rows.append(("guarantee", config.foreign_ministry))
    await session.execute(
        insert(ReexportRequest),
        [
            {
                "id": uuid.uuid4(),
                "application_id": application.id,
                "kind": kind,
                "agency": code,
                "requested_at": now,
            }
            for kind, code in rows
        ],
    )
    await append_event(
        session,
        application.id,
        REQUESTS_SENT,
        actor.label,
        {"agencies": list(config.agencies), "guarantee_to": config.foreign_ministry},
        now,
    )
    await pause(session, application, GUARANTEE_PAUSE, actor, now)


async def request_with_application(
    session: AsyncSession, request_id: uuid.UUID, agency: str | None
) -> tuple[ReexportRequest, Application]:
    """The request (of ``agency``, when given) and its application, read without locking."""
    row = (
        await session.execute(
            select(ReexportRequest, Application)
            .join(Application, Application.id == ReexportRequest.application_id)
            .where(ReexportRequest.id == request_id)
        )
    ).first()
    if row is None or (agency is not None and row[0].agency != agency):
        raise AgencyRequestNotFoundError(f"request {request_id} does not exist")
    return row[0], row[1]


async def locked_request(
    session: AsyncSession, request_id: uuid.UUID, agency: str | None
) -> tuple[ReexportRequest, Application]:
    """The request (of ``agency``, when given) and its application, locked."""
    request = await session.get(ReexportRequest, request_id)
    if request is None or (agency is not None and request.agency != agency):
        raise AgencyRequestNotFoundError(f"request {request_id} does not exist")
    application = await lock_application(session, request.application_id)
    await session.refresh(request)  # re-read under the application's lock
    return request, application


async def record_answer(
    session: AsyncSession,
    application: Application,
    request: ReexportRequest,
    answer: Answer,
    answered_by: str,
    now: datetime,
) -> None:
    """Store the answer once, then resume the clock or start the risk assessment."""
    if request.answer is not None:
        raise AgencyRequestAnsweredError(
            f"{request.agency} answered this request already", answer=request.answer
        )
    request.answer = answer.answer
    request.answer_text = answer.text
    request.document_number = answer.document_number
    request.document_date = answer.document_date
    request.answered_at = now
    request.answered_by = answered_by
    await session.flush()
    await append_event(
        session,
        application.id,
        AGENCY_ANSWERED,
        answered_by,
        {
            "request_id": str(request.id),
            "kind": request.kind,
            "agency": request.agency,
            "answer": answer.answer,
        },
        now,
    )
    if request.kind == "guarantee" and application.paused_at is not None:
        await resume(session, application, SYSTEM, now)
    if application.status == WAITING_STATUS and await all_agencies_answered(session, application):
        await move(session, application, ANSWERS_RECEIVED, SYSTEM, now=now)


async def all_agencies_answered(session: AsyncSession, application: Application) -> bool:
    rows = await requests_of(session, application.id)
    agencies = [row for row in rows if row.kind == "agency"]
    return bool(agencies) and all(row.answer is not None for row in agencies)


class Standing(msgspec.Struct, frozen=True, kw_only=True):
    """Where the answers stand, for the decision on the permit."""

    agreed: list[ReexportRequest]
    negative: list[ReexportRequest]
    unanswered: list[ReexportRequest]
    guarantee: ReexportRequest | None


async def standing(session: AsyncSession, application_id: uuid.UUID) -> Standing:
    rows = await requests_of(session, application_id)
    agencies = [row for row in rows if row.kind == "agency"]
    return Standing(
        agreed=[row for row in agencies if row.answer == "positive"],
        negative=[row for row in agencies if row.answer == "negative"],
        unanswered=[row for row in agencies if row.answer is None],
        guarantee=next((row for row in rows if row.kind == "guarantee"), None),
    )


async def answer_request(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    request_id: uuid.UUID,
    agency: str,
    answer: Answer,
    now: datetime,
) -> tuple[ReexportRequest, Application]:
    """The agency answers its request (:func:`record_answer` under the application's lock),
    committed; the answered request and its application."""

    async def answered(session: AsyncSession) -> tuple[ReexportRequest, Application]:
        request, application = await locked_request(session, request_id, agency)
        await record_answer(session, application, request, answer, f"agency:{agency}", now)
        return request, application

    return await committed(sessions, redis, answered, lambda pair: pair[1].id)
