"""Recording an applicant's answers: the software scores them and decides the next step.

The executor records the answers of one admitted applicant of a held session (the
``exam_results`` step, 1 working day). The score is the share of answers equal to the
session's key; 60 % or more passes (:mod:`.scoring`).

* **pass**: the certificate and badge numbers are given and the journal line entered
  (:mod:`.journal`); the certificate's document is built (``pass`` has the ``result_approved``
  effect) and ``certificate_preparation`` (3 working days) starts.
* **fail**: a motivated refusal on the ground ``exam_failed`` with the score, the protocol and
  the date from which a new application is accepted (:mod:`.retake`); it goes to the signer.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

import msgspec
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.calendar import to_local
from registry.declarant_certificate.actor import check_executor, exam_actor
from registry.declarant_certificate.certificate import (
    CertificateFacts,
    ExamOutcomeFacts,
    valid_until,
)
from registry.declarant_certificate.errors import (
    ExamAdmissionNotFoundError,
    ExamAnswersInvalidError,
    ExamNotHeldError,
)
from registry.declarant_certificate.journal import enter_certificate
from registry.declarant_certificate.retake import retake_allowed_from
from registry.declarant_certificate.scoring import PASS_MARK_PERCENT, Score, score
from registry.declarant_certificate.service import EXAM_FAILED_GROUND
from registry.declarant_certificate.sessions import get_session
from registry.models import Application, ExamAdmission
from registry.row_views import from_row
from registry.workflow.actors import Decision, OfficerIdentity
from registry.workflow.engine import move
from registry.workflow.runner import in_transaction


class RecordedResult(msgspec.Struct, frozen=True, kw_only=True):
    application_id: uuid.UUID
    correct: int
    total: int
    score_percent: Decimal
    passed: bool
    status: str
    result_id: uuid.UUID | None
    protocol_number: str
    protocol_date: date
    certificate_number: str | None = None
    badge_number: str | None = None
    retake_from: date | None = None


async def record_answers(
    session: AsyncSession,
    application: Application,
    officer: OfficerIdentity,
    session_id: uuid.UUID,
    answers: Sequence[str],
    now: datetime,
) -> RecordedResult:
    """Score the (locked) application's answers in ``session_id`` and take pass or fail."""
    check_executor(officer, application)
    admission = await session.scalar(
        select(ExamAdmission)
        .where(
            ExamAdmission.application_id == application.id, ExamAdmission.session_id == session_id
        )
        .with_for_update()
    )
    if admission is None:
        raise ExamAdmissionNotFoundError("the applicant is not admitted to this session")
    exam = await get_session(session, session_id)
    if exam.held_at is None or exam.protocol_number is None or exam.protocol_date is None:
        raise ExamNotHeldError("hold the session first: its protocol is drawn up then")
    try:
        result = score(answers, exam.answer_key)
    except ValueError as error:
        raise ExamAnswersInvalidError(str(error), questions=len(exam.answer_key)) from None
    protocol = (exam.protocol_number, exam.protocol_date)
    exam_day = to_local(exam.starts_at).date()
    admission.answers = list(answers)
    admission.correct, admission.total = result.correct, result.total
    admission.score_percent, admission.passed = result.percent, result.passed
    admission.scored_at, admission.scored_by = now, officer.id
    event = {
        "role": officer.role,
        "exam_session_id": str(exam.id),
        "score_percent": str(result.percent),
        "protocol_number": exam.protocol_number,
    }
    if result.passed:
        line = await enter_certificate(
            session,
            at=now,
            application_id=application.id,
            full_name=application.applicant_name,
            protocol=protocol,
            valid_until=valid_until(to_local(now).date()),
        )
        admission.certificate_number = line.certificate_number
        admission.badge_number = line.badge_number
        facts = CertificateFacts(
            certificate_number=line.certificate_number,
            badge_number=line.badge_number,
            protocol_number=protocol[0],
            protocol_date=protocol[1],
            correct=result.correct,
            total=result.total,
            score_percent=result.percent,
            holder_name=application.applicant_name,
            holder_iin=application.applicant_iin or "",
            valid_until=line.valid_until,
        )
        moved = await move(
            session,
            application,
            "pass",
            exam_actor(officer),
            now=now,
            decision=Decision(data=msgspec.to_builtins(facts)),
            event_data={**event, "certificate_number": line.certificate_number},
        )
        return _recorded(
            application,
            result,
            moved.target,
            moved.result_id,
            protocol,
            certificate=(line.certificate_number, line.badge_number),
        )
    retake_from = retake_allowed_from(exam_day)
    refusal = ExamOutcomeFacts(
        correct=result.correct,
        total=result.total,
        score_percent=result.percent,
        protocol_number=protocol[0],
        protocol_date=protocol[1],
        exam_date=exam_day,
        retake_from=retake_from,
    )
    moved = await move(
        session,
        application,
        "fail",
        exam_actor(officer),
        now=now,
        decision=Decision(
            grounds=[EXAM_FAILED_GROUND.code],
            text=(
                f"{result.percent} % < {PASS_MARK_PERCENT} % "
                f"({result.correct} / {result.total}); хаттама / протокол № {protocol[0]}"
            ),
            instructions=(
                f"Қайта жүгіну {retake_from:%d.%m.%Y} бастап / "
                f"Повторное обращение с {retake_from:%d.%m.%Y}"
            ),
            data=msgspec.to_builtins(refusal),
        ),
        event_data={**event, "retake_from": retake_from.isoformat()},
    )
    return _recorded(
        application, result, moved.target, moved.result_id, protocol, retake_from=retake_from
    )


def _recorded(
    application: Application,
    result: Score,
    status: str,
    result_id: uuid.UUID | None,
    protocol: tuple[str, date],
    *,
    certificate: tuple[str, str] | None = None,
    retake_from: date | None = None,
) -> RecordedResult:
    return from_row(
        RecordedResult,
        result,  # the score: correct, total, passed
        application_id=application.id,
        score_percent=result.percent,
        status=status,
        result_id=result_id,
        protocol_number=protocol[0],
        protocol_date=protocol[1],
        certificate_number=None if certificate is None else certificate[0],
        badge_number=None if certificate is None else certificate[1],
        retake_from=retake_from,
    )


async def record_result(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    application_id: uuid.UUID,
    officer: OfficerIdentity,
    session_id: uuid.UUID,
    answers: Sequence[str],
    now: datetime,
) -> RecordedResult:
    """:func:`record_answers` for the application under its lock, committed."""
    return await in_transaction(
        sessions,
        redis,
        application_id,
        lambda session, application: record_answers(
            session, application, officer, session_id, answers, now
        ),
    )
