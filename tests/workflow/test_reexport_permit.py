"""S8 re-export permit through the API: completeness, agencies, the guarantee pause, decisions."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import msgspec
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import chain_is_intact
from registry.calendar import KZ_TZ, to_local
from registry.domains import example_application
from registry.models import Application, OutboxMessage, ReexportRequest, WorkflowPause
from registry.reexport_permit.agencies import agency_config
from registry.reexport_permit.requests import Answer, locked_request, record_answer
from registry.reexport_permit.validity import one_year_after
from registry.resources import Resources
from registry.results.document import ResultDocument
from registry.workflow.actors import Actor
from registry.workflow.engine import move
from registry.workflow.runner import in_transaction
from testkit.pki.config import LEGAL_BIN
from testkit.pki.server import BuiltPki
from tests.conftest import PartnerKey
from tests.workflow.agencies import make_agency
from tests.workflow.conftest import Flow, register_now
from tests.workflow.helpers import (
    Client,
    application_of,
    approve_and_sign,
    decide,
    events_of,
    open_step_of,
    result_of,
    status_of,
    submit_document,
    task_of,
)
from tests.workflow.people import OfficerKey
from workers.jobs.agencies import simulate_agency_answers

SERVICE = "reexport-permit"
AGENCY = "/v1/agency/requests"
ANNEX_4_FIELDS = [
    "permit_number", "applicant", "country_of_dispatch", "country_of_destination", "end_user",
    "basis", "agreed_by", "authority", "personal_data_consent", "special_conditions",
]  # fmt: skip
GOODS_COLUMNS = ["name", "hs_code", "control_list_code", "unit", "quantity", "currency", "value"]


async def _submit(
    client: Client, partner: PartnerKey, pki: BuiltPki, form_changes: dict[str, Any] | None = None
) -> uuid.UUID:
    document = example_application(SERVICE, bin=LEGAL_BIN)
    for key, value in (form_changes or {}).items():
        document["form"][key] = {**document["form"][key], **value}
    return await submit_document(client, partner, pki, document)


async def _request_of(client: Client, agency: PartnerKey, application_id: uuid.UUID) -> Any:
    response = await client.get(AGENCY, headers=agency.headers, params={"answered": False})
    assert response.status_code == 200, response.text
    mine = [row for row in response.json() if row["application_id"] == str(application_id)]
    assert len(mine) == 1, response.json()
    return mine[0]


async def _answer(client: Client, agency: PartnerKey, request_id: str, answer: str) -> Any:
    return await client.post(
        f"{AGENCY}/{request_id}/answer",
        json={
            "answer": answer, "text": "Қарсылық жоқ" if answer == "positive" else "Қарсымыз",
            "document_number": "21/4-3318", "document_date": "2026-11-06",
        },
        headers=agency.headers,
    )  # fmt: skip


async def _agencies(sessions: async_sessionmaker[AsyncSession]) -> dict[str, PartnerKey]:
    config = agency_config()
    codes = [*config.agencies, config.foreign_ministry]
    return {code: await make_agency(sessions, code) for code in codes}


async def _to_interagency_requests(
    flow: Flow, executor: OfficerKey, application_id: uuid.UUID
) -> None:
    assert await register_now(flow.sessions, flow.statedb, application_id) == "completeness_check"
    client = flow.client
    task = await task_of(client, executor, application_id)
    assert task["step"] == "completeness_check" and task["due_at"] is not None
    assert task["actions"] == ["complete", "refuse_review"]
    moved = await decide(client, executor, task["id"], "complete")
    assert moved.status_code == 200, moved.text
    assert moved.json()["status"] == "interagency_requests"


async def _answer_all(
    client: Client,
    agencies: dict[str, PartnerKey],
    application_id: uuid.UUID,
    answers: dict[str, str] | None = None,
) -> None:
    for code, agency in agencies.items():
        request = await _request_of(client, agency, application_id)
        response = await _answer(
            client, agency, request["id"], (answers or {}).get(code, "positive")
        )
        assert response.status_code == 200, response.text


async def test_a_permit_runs_from_submission_to_the_signature(flow: Flow) -> None:
    partner: PartnerKey = await flow.make_partner()
    executor, signer = await flow.make_officer("executor"), await flow.make_officer("signer")
    agencies = await _agencies(flow.sessions)
    config = agency_config()
    application_id = await _submit(flow.client, partner, flow.pki)
    await _to_interagency_requests(flow, executor, application_id)

    application = await application_of(flow.sessions, application_id)
    assert application.paused_at is not None  # the guarantee went to the foreign ministry
    async with flow.sessions() as session:
        rows = list(
            await session.scalars(
                select(ReexportRequest).where(ReexportRequest.application_id == application_id)
            )
        )
    assert sorted((row.kind, row.agency) for row in rows) == sorted(
        [("agency", code) for code in config.agencies] + [("guarantee", config.foreign_ministry)]
    )

    # Only agencies, each for its own requests, each answer once.
    portal = await flow.client.get(AGENCY, headers=partner.headers)
    assert portal.status_code == 403
    first, second = config.agencies[0], config.agencies[1]
    theirs = await _request_of(flow.client, agencies[second], application_id)
    foreign = await _answer(flow.client, agencies[first], theirs["id"], "positive")
    assert foreign.status_code == 404 and foreign.json()["code"] == "agency_request_not_found"
    mine = await _request_of(flow.client, agencies[first], application_id)
    one = await flow.client.get(f"{AGENCY}/{mine['id']}", headers=agencies[first].headers)
    assert one.json()["form"]["goods"][0]["control_list_code"] == "5A002.a.1"
    assert (await _answer(flow.client, agencies[first], mine["id"], "positive")).status_code == 200
    again = await _answer(flow.client, agencies[first], mine["id"], "negative")
    assert again.status_code == 409 and again.json()["code"] == "agency_request_answered"
    assert (await application_of(flow.sessions, application_id)).status == "interagency_requests"
    for code in config.agencies[1:]:
        request = await _request_of(flow.client, agencies[code], application_id)
        assert (
            await _answer(flow.client, agencies[code], request["id"], "positive")
        ).status_code == 200

    # All agencies answered: the risk assessment is open, but the guarantee is still pending.
    assessment = await task_of(flow.client, executor, application_id)
    assert assessment["step"] == "risk_assessment" and assessment["paused"] is True
    early = await decide(flow.client, executor, assessment["id"], "approve")
    assert early.status_code == 409 and early.json()["code"] == "guarantee_not_confirmed"
    guarantee = await _request_of(flow.client, agencies[config.foreign_ministry], application_id)
    assert guarantee["kind"] == "guarantee"
    confirmed = await _answer(
        flow.client, agencies[config.foreign_ministry], guarantee["id"], "positive"
    )
    assert confirmed.status_code == 200, confirmed.text
    assert (await application_of(flow.sessions, application_id)).paused_at is None

    no_negative = await decide(
        flow.client,
        executor,
        assessment["id"],
        "refuse",
        grounds=["g03_negative_approval_or_expertise"],
    )
    assert no_negative.status_code == 422 and no_negative.json()["code"] == "invalid_decision"
    result_id = await approve_and_sign(
        flow.client, executor, signer, assessment, text="Тәуекел төмен"
    )
    assert await status_of(flow.client, partner, application_id) == "signing"

    result = await result_of(flow.sessions, result_id)
    assert (result.kind, result.outcome, result.status) == (
        "reexport_permit", "approved", "awaiting_signature",
    )  # fmt: skip
    document = msgspec.convert(result.document, ResultDocument)
    assert [field.key for field in document.fields] == ANNEX_4_FIELDS
    values = {field.key: field.value for field in document.fields}
    assert values["permit_number"] == document.number == result.number
    assert values["country_of_dispatch"] == "UZ" and values["country_of_destination"] == "TR"
    assert "Anadolu Telekom" in str(values["end_user"]) and "RX-2025-019" in str(values["basis"])
    assert LEGAL_BIN in str(values["applicant"])
    agreed = values["agreed_by"]
    assert not isinstance(agreed, str)
    assert "Ұлттық қауіпсіздік комитеті" in agreed.kk and "21/4-3318" in agreed.ru
    assert [column.key for column in document.tables[0].columns] == GOODS_COLUMNS
    assert document.tables[0].rows[0]["hs_code"] == "8517620009"
    assert document.tables[0].rows[0]["currency"] == "USD"
    assert document.valid_until == one_year_after(document.issued_on)
    assert document.signer is not None and document.signer.iin == signer.iin
    assert document.application_number == application.registration_number
    events = await events_of(flow.sessions, application_id)
    assert chain_is_intact(events)
    assert [e.data.get("to") for e in events if e.kind == "status_changed"] == [
        "completeness_check", "interagency_requests", "risk_assessment", "result_preparation",
        "signature", "signing",
    ]  # fmt: skip
    kinds = [e.kind for e in events]
    assert kinds.index("clock_paused") < kinds.index("clock_resumed")


async def test_an_incomplete_application_gets_the_refusal_of_further_review(flow: Flow) -> None:
    partner = await flow.make_partner()
    executor, signer = await flow.make_officer("executor"), await flow.make_officer("signer")
    application_id = await _submit(flow.client, partner, flow.pki)
    assert await register_now(flow.sessions, flow.statedb, application_id) == "completeness_check"
    task = await task_of(flow.client, executor, application_id)
    empty = await decide(flow.client, executor, task["id"], "refuse_review")
    assert empty.status_code == 422 and empty.json()["code"] == "invalid_decision"
    refused = await decide(
        flow.client, executor, task["id"], "refuse_review",
        text="Өтінішті одан әрі қараудан бас тартамыз",
        instructions="Құжаттарды толық ұсыныңыз",
        data={"missing_documents": ["гарантийное обязательство страны-импортёра"], "kind": "x"},
    )  # fmt: skip
    assert refused.status_code == 200, refused.text
    assert refused.json()["status"] == "signature"
    signature = await task_of(flow.client, signer, application_id)
    assert (await decide(flow.client, signer, signature["id"], "approve")).status_code == 200

    application = await application_of(flow.sessions, application_id)
    assert application.status == "signing" and application.registered_at is not None
    result = await result_of(flow.sessions, refused.json()["result_id"])
    assert (result.kind, result.outcome) == ("motivated_refusal", "refused")
    document = msgspec.convert(result.document, ResultDocument)
    assert document.title.en == "Motivated refusal of further review of the application"
    assert [ground.code for ground in document.grounds] == [
        "incomplete_documents", "g05_legal_requirements_not_met",
    ]  # fmt: skip
    assert "гарантийное обязательство" in document.grounds[0].text.ru
    # Annex 3: number, date, addressee with BIN, the application's number and date, signer.
    assert document.number == result.number and document.issued_on is not None
    assert document.addressee.bin == LEGAL_BIN and document.addressee.country == "UZ"
    assert document.application_number == application.registration_number
    assert document.application_date == to_local(application.registered_at).date()
    assert document.signer is not None and document.signer.iin == signer.iin
    async with flow.sessions() as session:
        sent = await session.scalar(
            select(ReexportRequest).where(ReexportRequest.application_id == application_id)
        )
    assert sent is None  # nothing went to the agencies


async def test_an_agency_is_known_by_its_code_not_by_its_display_name(flow: Flow) -> None:
    """A second agency partner that calls itself "knb" sees none of KNB's requests."""
    partner: PartnerKey = await flow.make_partner()
    executor = await flow.make_officer("executor")
    agencies = await _agencies(flow.sessions)
    knb = agency_config().agencies[0]
    namesake = await make_agency(flow.sessions, "namesake", name=knb)
    application_id = await _submit(flow.client, partner, flow.pki)
    await _to_interagency_requests(flow, executor, application_id)

    theirs = await _request_of(flow.client, agencies[knb], application_id)  # the real one sees it
    listed = await flow.client.get(AGENCY, headers=namesake.headers)
    assert listed.status_code == 200 and listed.json() == []
    one = await flow.client.get(f"{AGENCY}/{theirs['id']}", headers=namesake.headers)
    assert one.status_code == 404 and one.json()["code"] == "agency_request_not_found"
    answered = await _answer(flow.client, namesake, theirs["id"], "negative")
    assert answered.status_code == 404


async def test_a_negative_agency_answer_leads_to_a_refusal_on_ground_g03(flow: Flow) -> None:
    partner = await flow.make_partner()
    executor = await flow.make_officer("executor")
    agencies = await _agencies(flow.sessions)
    config = agency_config()
    application_id = await _submit(flow.client, partner, flow.pki)
    await _to_interagency_requests(flow, executor, application_id)
    await _answer_all(flow.client, agencies, application_id, {config.agencies[0]: "negative"})

    assessment = await task_of(flow.client, executor, application_id)
    assert assessment["step"] == "risk_assessment" and assessment["paused"] is False
    approve = await decide(flow.client, executor, assessment["id"], "approve")
    assert approve.status_code == 409 and approve.json()["code"] == "negative_agency_answer"
    assert approve.json()["negative"] == [config.agencies[0]]
    refused = await decide(
        flow.client, executor, assessment["id"], "refuse",
        grounds=["g03_negative_approval_or_expertise", "g08_negative_risk_assessment"],
        text="Келісуші органның теріс жауабы", instructions="—",
    )  # fmt: skip
    assert refused.status_code == 200, refused.text
    document = msgspec.convert(
        (await result_of(flow.sessions, refused.json()["result_id"])).document, ResultDocument
    )
    assert document.kind == "motivated_refusal" and document.title.en == "Motivated refusal"
    assert [ground.code for ground in document.grounds] == [
        "g03_negative_approval_or_expertise", "g08_negative_risk_assessment",
    ]  # fmt: skip
    assert document.grounds[0].text.en.startswith("Negative answer of an approving state body")


async def test_the_permit_is_valid_no_longer_than_the_guarantee_it_rests_on(flow: Flow) -> None:
    partner = await flow.make_partner()
    executor = await flow.make_officer("executor")
    agencies = await _agencies(flow.sessions)
    expiry = datetime.now(KZ_TZ).date() + timedelta(days=100)
    application_id = await _submit(
        flow.client, partner, flow.pki, {"end_use_guarantee": {"valid_until": expiry.isoformat()}}
    )
    await _to_interagency_requests(flow, executor, application_id)
    await _answer_all(flow.client, agencies, application_id)
    assessment = await task_of(flow.client, executor, application_id)
    approved = await decide(flow.client, executor, assessment["id"], "approve")
    assert approved.status_code == 200, approved.text
    result = await result_of(flow.sessions, approved.json()["result_id"])
    document = msgspec.convert(result.document, ResultDocument)
    assert document.valid_until == expiry < one_year_after(document.issued_on)


async def test_the_simulated_agencies_answer_once(
    flow: Flow, monkeypatch: pytest.MonkeyPatch, resources: Resources
) -> None:
    partner = await flow.make_partner()
    executor = await flow.make_officer("executor")
    monkeypatch.setenv("QAQPA_SIMULATE_AGENCIES", "true")
    application_id = await _submit(flow.client, partner, flow.pki)
    await _to_interagency_requests(flow, executor, application_id)
    async with flow.sessions() as session:
        queued = await session.scalar(
            select(OutboxMessage).where(
                OutboxMessage.job == "simulate_agency_answers",
                OutboxMessage.payload["application_id"].astext == str(application_id),
            )
        )
    assert queued is not None
    ctx = {"resources": resources}
    assert await simulate_agency_answers(ctx, str(application_id)) == 3
    assert await simulate_agency_answers(ctx, str(application_id)) == 0  # a second run: nothing
    application = await application_of(flow.sessions, application_id)
    assert application.status == "risk_assessment" and application.paused_at is None


def _local(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=KZ_TZ)


async def test_the_guarantee_pause_moves_the_stored_due_times_by_the_paused_days(
    flow: Flow,
) -> None:
    """June–July 2026, by hand (Asia/Almaty; working days end at 18:30; 6 July is Capital Day).

    Received Mon 1 June 10:00. 30 working days from Tue 2 June: June 2–5 (4), 8–12 (9),
    15–19 (14), 22–26 (19), 29–30 (21), July 1–3 (24), [6 July holiday], 7–10 (28), 13 (29),
    14 (30) → total due Tue 14 July 18:30.
    Requests and guarantee sent (pause) Wed 3 June 11:00; agencies answer Thu 4 June 12:00:
    risk assessment, 5 working days from Fri 5 June: 5, 8, 9, 10, 11 → Thu 11 June 18:30.
    Guarantee confirmed (resume) Tue 9 June 15:00:
    * risk assessment: no day of it completed before the pause; 5 days from Wed 10 June:
      10, 11, 12, 15, 16 → Tue 16 June 18:30 (3 working days later: 5, 8 and 9 June paused);
    * total: 1 day completed before the pause (Tue 2 June); 29 left from Wed 10 June:
      June 10–12 (3), 15–19 (8), 22–26 (13), 29–30 (15), July 1–3 (18), [6 July], 7–10 (22),
      13–17 (27), 20 (28), 21 (29) → Tue 21 July 18:30 (5 working days later: 3, 4, 5, 8, 9
      June paused).
    """
    partner = await flow.make_partner()
    executor = await flow.make_officer("executor")
    actor = Actor(kind="officer", id=str(executor.id), role="executor", iin=executor.iin)
    application_id = await _submit(flow.client, partner, flow.pki)
    async with flow.sessions() as session, session.begin():
        await session.execute(
            update(Application)
            .where(Application.id == application_id)
            .values(counts_from=_local(1, 6, 10), registration_due_at=_local(1, 6, 18, 30))
        )
    await register_now(flow.sessions, flow.statedb, application_id, _local(1, 6, 10, 5))
    assert (await application_of(flow.sessions, application_id)).total_due_at == _local(
        14, 7, 18, 30
    )

    async def complete(session: AsyncSession, application: Application) -> None:
        await move(session, application, "complete", actor, now=_local(3, 6, 11))

    await in_transaction(flow.sessions, None, application_id, complete)
    assert (await application_of(flow.sessions, application_id)).paused_at == _local(3, 6, 11)

    async def answer(kind: str, now: datetime) -> None:
        async with flow.sessions() as session, session.begin():
            rows = await session.scalars(
                select(ReexportRequest.id).where(
                    ReexportRequest.application_id == application_id, ReexportRequest.kind == kind
                )
            )
            for request_id in list(rows):
                request, application = await locked_request(session, request_id, None)
                await record_answer(
                    session, application, request, Answer(answer="positive"), "agency:test", now
                )

    await answer("agency", _local(4, 6, 12))
    step = await open_step_of(flow.sessions, application_id)
    assert (step.step, step.started_at, step.due_at) == (
        "risk_assessment", _local(4, 6, 12), _local(11, 6, 18, 30),
    )  # fmt: skip
    await answer("guarantee", _local(9, 6, 15))

    application = await application_of(flow.sessions, application_id)
    assert application.paused_at is None
    assert application.total_due_at == _local(21, 7, 18, 30)
    step = await open_step_of(flow.sessions, application_id)
    assert step.due_at == _local(16, 6, 18, 30)
    assert any(reason["code"] == "pause" for reason in step.reasons)
    async with flow.sessions() as session:
        pauses = list(
            await session.scalars(
                select(WorkflowPause).where(WorkflowPause.application_id == application_id)
            )
        )
    assert [(p.reason, p.paused_at, p.resumed_at) for p in pauses] == [
        ("guarantee_confirmation", _local(3, 6, 11), _local(9, 6, 15)),
    ]  # fmt: skip
