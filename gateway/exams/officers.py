"""``/v1/officer/exam-sessions``: publishing sessions, admission, holding, recording answers.

Who may do what:

* **publish** a session — ``head`` and ``unit_head``: the schedule is the provider's decision
  (001 p.4, published at least monthly);
* **admit** an applicant, **record answers** — the application's ``executor`` (the employee
  responsible for the service, who organises and conducts the exam, 001 p.9(4)-(5));
* **hold** a session (the exam took place: protocol drawn up, applicants to ``exam_results``)
  — ``executor`` or ``unit_head``;
* **read** a session and its protocol — any officer.

Every write is one transaction; the status cache entries of the applications it moved are
deleted after commit. Workflow errors become problems with their stable codes.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

import msgspec
from litestar import Controller, get, post
from litestar.params import Body, FromPath

from gateway.dependencies import OFFICER_DEPENDENCY, Officer, SharedResources
from gateway.officers.auth import (
    require_officer_role,
)
from registry.applications.status_cache import invalidate_status
from registry.declarant_certificate.admission import HeldSession, admit_applicant, hold
from registry.declarant_certificate.protocol import Protocol, protocol_of
from registry.declarant_certificate.results import RecordedResult, record_result
from registry.declarant_certificate.service import SERVICE
from registry.declarant_certificate.sessions import (
    MAX_QUESTIONS,
    OfficerExamSession,
    create_session,
)
from registry.declarant_certificate.sessions import session_view as view_of_session
from registry.forms.common import SINGLE_LINE
from registry.officers.roles import ALL_OFFICER_ROLES

# Sessions and protocols name S2 applicants: only accounts working on S2 read them.
EXAM_READERS = require_officer_role(*ALL_OFFICER_ROLES, service=SERVICE)
Answer = Annotated[str, msgspec.Meta(min_length=1, max_length=16, pattern=SINGLE_LINE)]


class NewExamSession(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A session to publish: where, when, how many seats, and the key the answers are scored by."""

    revenue_body: Annotated[
        str,
        msgspec.Meta(
            min_length=1,
            max_length=500,
            pattern=SINGLE_LINE,
            examples=["Астана қаласы бойынша МКД / ДГД по г. Астана"],
        ),
    ]
    address: Annotated[str, msgspec.Meta(min_length=1, max_length=500, pattern=SINGLE_LINE)]
    starts_at: Annotated[datetime, msgspec.Meta(tz=True)]
    capacity: Annotated[int, msgspec.Meta(ge=1, le=1000)]
    answer_key: Annotated[list[Answer], msgspec.Meta(min_length=1, max_length=MAX_QUESTIONS)]


class AdmissionRequest(msgspec.Struct, forbid_unknown_fields=True):
    application_id: uuid.UUID


class AnswersRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """One applicant's answers, one per question in the order of the session's key."""

    application_id: uuid.UUID
    answers: Annotated[list[Answer], msgspec.Meta(min_length=1, max_length=MAX_QUESTIONS)]


class AdmissionOutcome(msgspec.Struct, frozen=True, kw_only=True):
    application_id: uuid.UUID
    session_id: uuid.UUID
    status: str
    step: str | None
    due_at: datetime | None


class ExamSessionController(Controller):
    path = "/v1/officer/exam-sessions"
    tags = ["exams", "officers"]
    dependencies = OFFICER_DEPENDENCY

    @post(
        "/",
        summary="Publish an exam session (heads and unit heads)",
        guards=[require_officer_role("head", "unit_head", service=SERVICE)],
    )
    async def publish(
        self,
        resources: SharedResources,
        officer: Officer,
        data: Annotated[NewExamSession, Body(title="Exam session")],
    ) -> OfficerExamSession:
        async with resources.sessions() as session, session.begin():
            return await create_session(
                session,
                revenue_body=data.revenue_body,
                address=data.address,
                starts_at=data.starts_at,
                capacity=data.capacity,
                answer_key=data.answer_key,
                officer_id=officer.id,
                now=datetime.now(UTC),
            )

    @get(
        "/{session_id:uuid}",
        summary="One exam session, with the number of questions and its protocol number",
        guards=[EXAM_READERS],
    )
    async def one(
        self, resources: SharedResources, session_id: FromPath[uuid.UUID]
    ) -> OfficerExamSession:
        async with resources.sessions() as session:
            return await view_of_session(session, session_id)

    @get(
        "/{session_id:uuid}/protocol",
        summary="The session's protocol: number, date and every admitted applicant's score",
        guards=[EXAM_READERS],
    )
    async def protocol(
        self, resources: SharedResources, session_id: FromPath[uuid.UUID]
    ) -> Protocol:
        async with resources.sessions() as session:
            return await protocol_of(session, session_id)

    @post(
        "/{session_id:uuid}/admissions",
        status_code=200,
        summary="Admit an applicant to the session (the executor, exam_preparation step)",
        guards=[require_officer_role("executor", service=SERVICE)],
    )
    async def admit_applicant(
        self,
        resources: SharedResources,
        officer: Officer,
        session_id: FromPath[uuid.UUID],
        data: Annotated[AdmissionRequest, Body(title="Admission")],
    ) -> AdmissionOutcome:
        moved = await admit_applicant(
            resources.sessions,
            resources.redis,
            data.application_id,
            officer,
            session_id,
            datetime.now(UTC),
        )
        return AdmissionOutcome(
            application_id=moved.application_id,
            session_id=session_id,
            status=moved.target,
            step=moved.step,
            due_at=moved.due_at,
        )

    @post(
        "/{session_id:uuid}/hold",
        status_code=200,
        summary="The exam took place: draw up the protocol, move applicants to exam_results",
        guards=[require_officer_role("executor", "unit_head", service=SERVICE)],
    )
    async def hold_session(
        self, resources: SharedResources, officer: Officer, session_id: FromPath[uuid.UUID]
    ) -> HeldSession:
        async with resources.sessions() as session, session.begin():
            held = await hold(session, session_id, officer, datetime.now(UTC))
        await invalidate_status(resources.redis, *held.application_ids)
        return held

    @post(
        "/{session_id:uuid}/results",
        status_code=200,
        summary="Record an applicant's answers: scored against the key, 60 % or more passes",
        guards=[require_officer_role("executor", service=SERVICE)],
    )
    async def record(
        self,
        resources: SharedResources,
        officer: Officer,
        session_id: FromPath[uuid.UUID],
        data: Annotated[AnswersRequest, Body(title="Answers")],
    ) -> RecordedResult:
        return await record_result(
            resources.sessions,
            resources.redis,
            data.application_id,
            officer,
            session_id,
            data.answers,
            datetime.now(UTC),
        )
