"""S2 through the API: review, admission to a session, scoring, certificate, retake rule.

Time is real (the gateway uses the clock); where the exam has to lie in the past, the test
moves the session's start in the database ("the exam day came") after the applicant was
admitted, as the passing of time would. Registration runs in-process with an explicit time
where the one-month rule is tested.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

import msgspec
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import chain_is_intact
from registry.calendar import KZ_TZ, to_local
from registry.declarant_certificate.retake import add_months
from registry.models import ExamAdmission, ExamSession, JournalEntry, Result
from registry.results.document import ResultDocument
from testkit.pki.config import INDIVIDUAL_IIN
from tests.conftest import PartnerKey
from tests.workflow import people
from tests.workflow.conftest import Flow, MakeOfficer, register_now, submit
from tests.workflow.helpers import (
    Client,
    application_of,
    decide_task_of,
    events_of,
    result_of,
    status_of,
    submit_and_sign,
    task_of,
)
from tests.workflow.people import OfficerKey

EXAMS = "/v1/officer/exam-sessions"
SERVICE = "declarant-certificate"


class Staff(NamedTuple):
    head: OfficerKey
    unit_head: OfficerKey
    executor: OfficerKey
    signer: OfficerKey


async def _staff(make_officer: MakeOfficer) -> Staff:
    return Staff(
        await make_officer("head"),
        await make_officer("unit_head"),
        await make_officer("executor"),
        await make_officer("signer"),
    )


async def _publish(client: Client, staff: Staff, key: list[str], capacity: int = 5) -> str:
    response = await client.post(
        EXAMS,
        json={
            "revenue_body": f"Тест МКД {uuid.uuid4().hex[:8]}",
            "address": "Астана, Жеңіс даңғылы 11",
            "starts_at": (datetime.now(UTC) + timedelta(days=2)).isoformat(),
            "capacity": capacity,
            "answer_key": key,
        },
        headers=staff.unit_head.headers,
    )
    assert response.status_code == 201, response.text
    session_id: str = response.json()["id"]
    return session_id


async def _to_exam_preparation(flow: Flow, partner: PartnerKey, staff: Staff) -> uuid.UUID:
    """Submit, register, the head forwards, the unit head gives it to the executor."""
    client = flow.client
    application_id = await submit(client, partner, flow.pki, SERVICE)
    assert await register_now(flow.sessions, flow.statedb, application_id) == "head_review"
    forwarded = await decide_task_of(client, staff.head, application_id, "approve")
    assert forwarded.status_code == 200 and forwarded.json()["status"] == "unit_head_review"
    assigned = await decide_task_of(
        client, staff.unit_head, application_id, "assign",
        data={"executor_id": str(staff.executor.id)},
    )  # fmt: skip
    assert assigned.status_code == 200, assigned.text
    assert assigned.json()["status"] == "exam_preparation"
    return application_id


async def _admit(client: Client, staff: Staff, session_id: str, application_id: uuid.UUID) -> Any:
    return await client.post(f"{EXAMS}/{session_id}/admissions",
                             json={"application_id": str(application_id)},
                             headers=staff.executor.headers)  # fmt: skip


async def _exam_day_came(
    sessions: async_sessionmaker[AsyncSession], session_id: str, at: datetime
) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            update(ExamSession).where(ExamSession.id == uuid.UUID(session_id)).values(starts_at=at)
        )


async def _answers(
    client: Client, staff: Staff, session_id: str, application_id: uuid.UUID, answers: list[str]
) -> Any:
    return await client.post(f"{EXAMS}/{session_id}/results",
                             json={"application_id": str(application_id), "answers": answers},
                             headers=staff.executor.headers)  # fmt: skip


async def _fail_exam_on(flow: Flow, partner: PartnerKey, staff: Staff, exam_at: datetime) -> Any:
    """An applicant fails an exam held at ``exam_at`` with 59 of 100 answers right."""
    client = flow.client
    key = ["A", "B", "C", "D"] * 25
    session_id = await _publish(client, staff, key)
    application_id = await _to_exam_preparation(flow, partner, staff)
    assert (await _admit(client, staff, session_id, application_id)).status_code == 200
    await _exam_day_came(flow.sessions, session_id, exam_at)
    held = await client.post(f"{EXAMS}/{session_id}/hold", headers=staff.executor.headers)
    assert held.status_code == 200, held.text
    answers = key[:59] + ["X"] * 41
    return await _answers(client, staff, session_id, application_id, answers)


async def test_an_applicant_with_exactly_60_percent_gets_a_certificate_to_sign(flow: Flow) -> None:
    partner: PartnerKey = await flow.make_partner()
    staff = await _staff(flow.make_officer)
    key = ["A", "B", "C", "D", "A"]
    session_id = await _publish(flow.client, staff, key, capacity=2)
    application_id = await _to_exam_preparation(flow, partner, staff)

    task = await task_of(flow.client, staff.executor, application_id)
    assert task["step"] == "exam_preparation" and task["due_at"] is not None
    assert task["actions"] == ["admit", "refuse"]
    # Admission is the exam module's: the generic decision cannot take a seat.
    generic = await decide_task_of(flow.client, staff.executor, application_id, "admit")
    assert generic.status_code == 403 and generic.json()["code"] == "role_not_allowed"
    early_hold = await flow.client.post(
        f"{EXAMS}/{session_id}/hold", headers=staff.executor.headers
    )
    assert early_hold.status_code == 409 and early_hold.json()["code"] == "exam_not_held"

    admitted = await _admit(flow.client, staff, session_id, application_id)
    assert admitted.status_code == 200, admitted.text
    assert admitted.json()["status"] == "exam_scheduled" and admitted.json()["step"] is None
    again = await _admit(flow.client, staff, session_id, application_id)
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"
    schedule = await flow.client.get("/v1/exam-sessions", params={"limit": 500})
    listed = next(s for s in schedule.json() if s["id"] == session_id)
    assert (listed["capacity"], listed["seats_left"]) == (2, 1)

    exam_at = datetime.now(UTC) - timedelta(minutes=5)
    await _exam_day_came(flow.sessions, session_id, exam_at)
    too_soon = await _answers(flow.client, staff, session_id, application_id, key)
    assert too_soon.status_code == 409 and too_soon.json()["code"] == "exam_not_held"
    held = await flow.client.post(f"{EXAMS}/{session_id}/hold", headers=staff.unit_head.headers)
    assert held.status_code == 200, held.text
    assert held.json()["application_ids"] == [str(application_id)]
    protocol_number = held.json()["protocol_number"]
    assert protocol_number.startswith("П-")
    assert held.json()["protocol_date"] == to_local(exam_at).date().isoformat()
    twice = await flow.client.post(f"{EXAMS}/{session_id}/hold", headers=staff.unit_head.headers)
    assert twice.status_code == 409 and twice.json()["code"] == "exam_session_closed"

    short = await _answers(flow.client, staff, session_id, application_id, ["A", "B"])
    assert short.status_code == 422 and short.json()["code"] == "exam_answers_invalid"
    # 3 of 5 right: exactly 60 %, which passes.
    recorded = await _answers(flow.client, staff, session_id, application_id,
                              ["A", "B", "C", "A", "B"])  # fmt: skip
    assert recorded.status_code == 200, recorded.text
    outcome = recorded.json()
    assert (outcome["correct"], outcome["total"], outcome["passed"]) == (3, 5, True)
    assert outcome["score_percent"] == "60.00"
    assert outcome["status"] == "certificate_preparation"
    year = to_local(datetime.now(UTC)).year
    assert outcome["certificate_number"].endswith(f"/{year}")
    assert outcome["badge_number"] == f"Б-{outcome['certificate_number']}"
    assert outcome["retake_from"] is None

    protocol = await flow.client.get(f"{EXAMS}/{session_id}/protocol", headers=staff.head.headers)
    assert protocol.status_code == 200, protocol.text
    assert protocol.json()["protocol_number"] == protocol_number
    [line] = protocol.json()["lines"]
    assert (line["iin"], line["score_percent"], line["passed"]) == (INDIVIDUAL_IIN, "60.00", True)
    assert line["certificate_number"] == outcome["certificate_number"]

    preparation = await task_of(flow.client, staff.executor, application_id)
    assert preparation["step"] == "certificate_preparation" and preparation["due_at"] is not None
    await submit_and_sign(flow.client, staff.executor, staff.signer, application_id)

    assert await status_of(flow.client, partner, application_id) == "signing"
    result = await result_of(flow.sessions, outcome["result_id"])
    assert result.status == "awaiting_signature"  # nothing pretends to be signed
    assert (result.outcome, result.kind) == ("approved", "declarant_certificate")
    assert result.prepared_by_iin == staff.executor.iin and result.signer_iin == staff.signer.iin
    document = msgspec.convert(result.document, ResultDocument)
    fields = {f.key: f.value for f in document.fields}
    issued = to_local(datetime.now(UTC)).date()
    assert fields["certificate_number"] == outcome["certificate_number"]
    assert fields["badge_number"] == outcome["badge_number"]
    assert fields["exam_protocol"] == f"№ {protocol_number}, {to_local(exam_at):%d.%m.%Y}"
    assert fields["exam_score"] == "60.00 % (3 / 5)"
    assert fields["holder_iin"] == INDIVIDUAL_IIN
    assert fields["holder_name"] == document.addressee.name
    assert document.valid_until == add_months(issued, 12 * 5)
    assert document.signer is not None and document.signer.iin == staff.signer.iin

    application = await application_of(flow.sessions, application_id)
    events = await events_of(flow.sessions, application_id)
    async with flow.sessions() as session:
        entry = await session.scalar(
            select(JournalEntry).where(
                JournalEntry.journal == "certificates:declarant-certificate",
                JournalEntry.application_id == application_id,
            )
        )
        admission = await session.scalar(
            select(ExamAdmission).where(ExamAdmission.application_id == application_id)
        )
    assert application.total_due_at is not None
    assert application.total_due_at > exam_at  # 5 working days from the exam (001 p.6(5))
    assert entry is not None and entry.number == outcome["certificate_number"]
    assert entry.columns["no"] == entry.seq
    assert entry.columns["badge_number"] == outcome["badge_number"]
    assert entry.columns["protocol_number"] == protocol_number
    assert entry.columns["issue_date"] == issued.isoformat()
    assert entry.columns["valid_until"] == document.valid_until.isoformat()
    assert admission is not None and admission.passed and admission.answers is not None
    assert chain_is_intact(events)
    moves = [e for e in events if e.kind == "status_changed"]
    assert [e.data["to"] for e in moves] == [
        "head_review", "unit_head_review", "exam_preparation", "exam_scheduled",
        "exam_results", "certificate_preparation", "signature", "signing",
    ]  # fmt: skip
    # The exam module's transitions name the officer who took them, and their role.
    assert moves[3].actor == f"officer:{staff.executor.id}"
    assert moves[3].data["role"] == "executor"
    assert moves[5].data["certificate_number"] == outcome["certificate_number"]


async def test_59_percent_fails_with_the_score_and_the_retake_date(flow: Flow) -> None:
    partner = await flow.make_partner()
    staff = await _staff(flow.make_officer)
    exam_at = datetime(2025, 1, 15, 10, 0, tzinfo=KZ_TZ)
    recorded = await _fail_exam_on(flow, partner, staff, exam_at)
    assert recorded.status_code == 200, recorded.text
    outcome = recorded.json()
    assert (outcome["correct"], outcome["total"], outcome["passed"]) == (59, 100, False)
    assert outcome["score_percent"] == "59.00"
    assert outcome["status"] == "signature"
    assert outcome["certificate_number"] is None
    assert outcome["retake_from"] == "2025-02-15"

    application_id = uuid.UUID(outcome["application_id"])
    signed = await decide_task_of(flow.client, staff.signer, application_id, "approve")
    assert signed.status_code == 200 and signed.json()["status"] == "signing"
    result = await result_of(flow.sessions, outcome["result_id"])
    assert (result.outcome, result.kind, result.status) == (
        "refused", "motivated_refusal", "awaiting_signature",
    )  # fmt: skip
    document = msgspec.convert(result.document, ResultDocument)
    assert [g.code for g in document.grounds] == ["exam_failed"]
    fields = {f.key: f.value for f in document.fields}
    assert fields["exam_score"] == "59.00 % (59 / 100)"
    assert fields["exam_date"] == "2025-01-15"
    assert fields["retake_from"] == "2025-02-15"
    assert document.instructions is not None and "15.02.2025" in document.instructions
    assert result.prepared_by_iin == staff.executor.iin


async def test_a_retake_within_the_month_is_refused_at_registration(flow: Flow) -> None:
    partner = await flow.make_partner()
    staff = await _staff(flow.make_officer)
    failed = await _fail_exam_on(flow, partner, staff, datetime(2024, 3, 31, 10, 0, tzinfo=KZ_TZ))
    assert failed.json()["retake_from"] == "2024-04-30"  # April has no 31st

    retake = await submit(flow.client, partner, flow.pki, SERVICE)
    # The last day before the month is over, late in the evening local time.
    last_day = datetime(2024, 4, 29, 23, 30, tzinfo=KZ_TZ)
    assert await register_now(flow.sessions, flow.statedb, retake, now=last_day) == "signature"
    signed = await decide_task_of(flow.client, staff.signer, retake, "approve")
    assert signed.status_code == 200, signed.text
    async with flow.sessions() as session:
        result = await session.scalar(select(Result).where(Result.application_id == retake))
    assert result is not None and result.outcome == "refused" and result.prepared_by_iin is None
    document = msgspec.convert(result.document, ResultDocument)
    assert [g.code for g in document.grounds] == ["reapplication_too_early"]
    fields = {f.key: f.value for f in document.fields}
    assert (fields["exam_date"], fields["retake_from"]) == ("2024-03-31", "2024-04-30")


async def test_a_retake_after_the_month_is_accepted(flow: Flow) -> None:
    partner = await flow.make_partner()
    staff = await _staff(flow.make_officer)
    failed = await _fail_exam_on(flow, partner, staff, datetime(2024, 1, 31, 10, 0, tzinfo=KZ_TZ))
    assert failed.json()["retake_from"] == "2024-02-29"  # leap year, clamped

    too_early = await submit(flow.client, partner, flow.pki, SERVICE)
    day_before = datetime(2024, 2, 28, 10, 0, tzinfo=KZ_TZ)
    assert await register_now(flow.sessions, flow.statedb, too_early, now=day_before) == "signature"
    retake = await submit(flow.client, partner, flow.pki, SERVICE)
    # 00:10 on 29 February local time is still the 28th in UTC: the local date counts.
    first_day = datetime(2024, 2, 29, 0, 10, tzinfo=KZ_TZ)
    assert await register_now(flow.sessions, flow.statedb, retake, now=first_day) == "head_review"
    application = await application_of(flow.sessions, retake)
    assert application.registered_at == first_day
    assert application.current_step == "head_review"


async def test_a_full_session_admits_no_more_and_incomplete_documents_are_refused(
    flow: Flow,
) -> None:
    partner = await flow.make_partner()
    staff = await _staff(flow.make_officer)
    session_id = await _publish(flow.client, staff, ["A", "B"], capacity=1)
    first = await _to_exam_preparation(flow, partner, staff)
    second = await _to_exam_preparation(flow, partner, staff)
    # Both ask for the last seat at once: the session row's lock lets exactly one have it.
    answers = await asyncio.gather(
        _admit(flow.client, staff, session_id, first),
        _admit(flow.client, staff, session_id, second),
    )
    assert sorted(a.status_code for a in answers) == [200, 409]
    full = next(a for a in answers if a.status_code == 409)
    assert full.json()["code"] == "exam_session_full"
    admitted, waiting = (first, second) if answers[0].status_code == 200 else (second, first)
    other = await flow.make_officer("executor", iin=people.iin("90010150005"))
    not_theirs = await flow.client.post(f"{EXAMS}/{session_id}/admissions",
                                   json={"application_id": str(waiting)},
                                   headers=other.headers)  # fmt: skip
    assert not_theirs.status_code == 409
    assert not_theirs.json()["code"] == "task_assigned_elsewhere"

    refused = await decide_task_of(
        flow.client, staff.executor, waiting, "refuse", grounds=["documents_incomplete"],
        text="Білім туралы диплом жоқ / Нет диплома", instructions="Дипломның көшірмесін қосу",
    )  # fmt: skip
    assert refused.status_code == 200, refused.text
    assert refused.json()["status"] == "signature"
    result = await result_of(flow.sessions, refused.json()["result_id"])
    document = msgspec.convert(result.document, ResultDocument)
    assert [g.code for g in document.grounds] == ["documents_incomplete"]
    assert document.fields == []  # no exam took place: no exam facts on the refusal
    async with flow.sessions() as session:
        seats = await session.scalar(
            select(func.count(ExamAdmission.id)).where(
                ExamAdmission.session_id == uuid.UUID(session_id)
            )
        )
    assert seats == 1
    assert await status_of(flow.client, partner, admitted) == "exam_scheduled"
