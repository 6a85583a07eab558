"""A signer returns a draft refusal of S8 or S2 to the step that decided it (issue 16).

S8 refuses in two steps (the completeness check's refusal of further review, the risk
assessment's refusal) and S2 in one an officer takes (the executor's review of the documents);
the engine matches the signer's ``return`` to the step the pending result was decided in
(``Transition.decided_in``). Before, a refusal answered 409 ``result_not_returnable``.

Deadlines as for a returned permit: the reopened step is a new step row whose due time is its
term counted from the return, recorded in the return's event; the closed step keeps its own due
time and the service's total due time does not move.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select

from registry.calendar import current_calendar
from registry.models import Event, WorkflowStep
from registry.workflow.steps import due_time
from tests.conftest import PartnerKey
from tests.workflow.conftest import Flow, register_now
from tests.workflow.helpers import (
    Client,
    application_of,
    decide,
    decide_task_of,
    events_of,
    fetch_all,
    open_step_of,
    result_of,
    task_of,
)
from tests.workflow.people import OfficerKey
from tests.workflow.test_declarant_certificate import (
    _fail_exam_on,
    _staff,
    _to_exam_preparation,
)
from tests.workflow.test_reexport_permit import (
    _agencies,
    _answer_all,
    _submit,
    _to_interagency_requests,
)

REASON = "Негіздеме толық емес: жетіспейтін құжатты атаңыз"


async def _return(client: Client, signer: OfficerKey, result_id: str) -> Any:
    return await client.post(
        f"/v1/officer/results/{result_id}/return", json={"reason": REASON}, headers=signer.headers
    )


async def _steps(flow: Flow, application_id: uuid.UUID, step: str) -> list[WorkflowStep]:
    return await fetch_all(
        flow.sessions,
        select(WorkflowStep)
        .where(WorkflowStep.application_id == application_id, WorkflowStep.step == step)
        .order_by(WorkflowStep.id),
    )


def _return_event(events: list[Event]) -> Event:
    [returned] = [e for e in events if e.data.get("action") == "return"]
    return returned


async def _assert_reopened_with_its_term(
    flow: Flow, application_id: uuid.UUID, step: str, total_due_before: datetime | None
) -> None:
    """The step is open again as a new row, due its term after the return (as the event says);
    the first run of the step keeps its due time; the total due time stays."""
    first, reopened = await _steps(flow, application_id, step)
    assert first.state == "done" and first.due_at is not None
    returned = _return_event(await events_of(flow.sessions, application_id))
    assert reopened.state == "open" and reopened.started_at == returned.occurred_at
    assert reopened.term is not None and reopened.due_at is not None
    expected, _ = due_time(current_calendar(), reopened.started_at, reopened.term)
    assert reopened.due_at == expected
    assert returned.data["due_at"] == reopened.due_at.isoformat()
    assert returned.data["step"] == step and returned.data["return_reason"] == REASON
    application = await application_of(flow.sessions, application_id)
    assert application.total_due_at == total_due_before


async def _reason_stays_with_officers(
    flow: Flow, partner: PartnerKey, officer: OfficerKey, application_id: uuid.UUID
) -> None:
    file = await flow.client.get(
        f"/v1/officer/applications/{application_id}", headers=officer.headers
    )
    assert file.status_code == 200 and REASON in file.text
    feed = await flow.client.get(
        f"/v1/applications/{application_id}/events", headers=partner.headers
    )
    assert feed.status_code == 200 and "return" in feed.text and REASON not in feed.text


async def test_a_refusal_of_further_review_goes_back_to_the_completeness_check(
    flow: Flow,
) -> None:
    partner = await flow.make_partner()
    executor, signer = await flow.make_officer("executor"), await flow.make_officer("signer")
    application_id = await _submit(flow.client, partner, flow.pki)
    assert await register_now(flow.sessions, flow.statedb, application_id) == "completeness_check"
    refusal = dict(
        text="Өтінішті одан әрі қараудан бас тартамыз",
        instructions="Құжаттарды толық ұсыныңыз",
        data={"missing_documents": ["гарантийное обязательство страны-импортёра"]},
    )
    refused = await decide_task_of(flow.client, executor, application_id, "refuse_review",
                                   **refusal)  # fmt: skip
    assert refused.status_code == 200 and refused.json()["status"] == "signature", refused.text
    total_due = (await application_of(flow.sessions, application_id)).total_due_at

    returned = await _return(flow.client, signer, refused.json()["result_id"])
    assert returned.status_code == 200, returned.text
    assert returned.json() == {
        "result_id": refused.json()["result_id"],
        "application_id": str(application_id),
        "status": "cancelled",
        "reopened": "completeness_check",
    }
    assert (await result_of(flow.sessions, refused.json()["result_id"])).status == "cancelled"
    task = await task_of(flow.client, executor, application_id)
    assert task["step"] == "completeness_check"
    assert task["actions"] == ["complete", "refuse_review"]
    await _assert_reopened_with_its_term(flow, application_id, "completeness_check", total_due)
    await _reason_stays_with_officers(flow, partner, executor, application_id)

    # The executor decides again: a new draft for the signer.
    again = await decide(flow.client, executor, task["id"], "refuse_review", **refusal)
    assert again.status_code == 200 and again.json()["status"] == "signature", again.text
    assert again.json()["result_id"] != refused.json()["result_id"]
    assert (await result_of(flow.sessions, again.json()["result_id"])).status == (
        "awaiting_signature"
    )


async def test_a_risk_assessment_refusal_goes_back_to_the_risk_assessment(flow: Flow) -> None:
    """Returned through the signer's task (``action: return``), as the console's API does
    with server-held keys."""
    partner = await flow.make_partner()
    executor, signer = await flow.make_officer("executor"), await flow.make_officer("signer")
    agencies = await _agencies(flow.sessions)
    application_id = await _submit(flow.client, partner, flow.pki)
    await _to_interagency_requests(flow, executor, application_id)
    await _answer_all(flow.client, agencies, application_id)
    refused = await decide_task_of(
        flow.client, executor, application_id, "refuse",
        grounds=["g08_negative_risk_assessment"], text="Тәуекел жоғары", instructions="—",
    )  # fmt: skip
    assert refused.status_code == 200 and refused.json()["status"] == "result_preparation"
    submitted = await decide_task_of(flow.client, executor, application_id, "submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "signature"
    total_due = (await application_of(flow.sessions, application_id)).total_due_at

    signature = await task_of(flow.client, signer, application_id)
    returned = await decide(flow.client, signer, signature["id"], "return", text=REASON)
    assert returned.status_code == 200, returned.text
    assert returned.json()["status"] == "risk_assessment"
    assert (await result_of(flow.sessions, refused.json()["result_id"])).status == "cancelled"
    assert (await open_step_of(flow.sessions, application_id)).assignee_id == executor.id
    await _assert_reopened_with_its_term(flow, application_id, "risk_assessment", total_due)

    again = await decide_task_of(
        flow.client, executor, application_id, "refuse",
        grounds=["g08_negative_risk_assessment"], text="Тәуекел жоғары, дәлелденді",
        instructions="—",
    )  # fmt: skip
    assert again.status_code == 200, again.text
    assert again.json()["result_id"] != refused.json()["result_id"]


async def test_a_declarant_refusal_on_the_documents_goes_back_to_the_executor(
    flow: Flow,
) -> None:
    partner = await flow.make_partner()
    staff = await _staff(flow.make_officer)
    application_id = await _to_exam_preparation(flow, partner, staff)
    refused = await decide_task_of(
        flow.client, staff.executor, application_id, "refuse", grounds=["documents_incomplete"],
        text="Білім туралы диплом жоқ", instructions="Дипломның көшірмесін қосу",
    )  # fmt: skip
    assert refused.status_code == 200 and refused.json()["status"] == "signature", refused.text
    total_due = (await application_of(flow.sessions, application_id)).total_due_at

    returned = await _return(flow.client, staff.signer, refused.json()["result_id"])
    assert returned.status_code == 200, returned.text
    assert returned.json()["reopened"] == "exam_preparation"
    task = await task_of(flow.client, staff.executor, application_id)
    assert task["step"] == "exam_preparation"
    await _assert_reopened_with_its_term(flow, application_id, "exam_preparation", total_due)
    await _reason_stays_with_officers(flow, partner, staff.executor, application_id)
    again = await decide(flow.client, staff.executor, task["id"], "refuse",
                         grounds=["requirements_not_met"], text="Талаптарға сай емес")  # fmt: skip
    assert again.status_code == 200 and again.json()["status"] == "signature", again.text


async def test_a_refusal_the_software_decided_is_not_returnable(flow: Flow) -> None:
    """S2's exam score refused it: nobody prepared it, nothing reopens (409, nothing moves)."""
    partner = await flow.make_partner()
    staff = await _staff(flow.make_officer)
    exam_at = datetime.fromisoformat("2025-01-15T10:00+05:00")
    failed = await _fail_exam_on(flow, partner, staff, exam_at)
    assert failed.status_code == 200 and failed.json()["status"] == "signature", failed.text
    returned = await _return(flow.client, staff.signer, failed.json()["result_id"])
    assert returned.status_code == 409 and returned.json()["code"] == "result_not_returnable"
    assert (await result_of(flow.sessions, failed.json()["result_id"])).status == (
        "awaiting_signature"
    )
