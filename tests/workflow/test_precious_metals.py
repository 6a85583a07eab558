"""S3–S7 through the API: the e-licensing chain, refusals, four eyes, applicant not found."""

from __future__ import annotations

import msgspec
import pytest
from sqlalchemy import select

from registry.applications.events import chain_is_intact
from registry.models import Result, WorkflowStep
from registry.results.document import ResultDocument
from registry.statedb.model import LegalEntity
from registry.statedb.records import put_entity
from registry.workflow.actors import Decision
from registry.workflow.services import officer_decision
from testkit.pki.config import LEGAL_BIN
from tests.conftest import PartnerKey
from tests.workflow.conftest import Flow, register_now, submit
from tests.workflow.helpers import (
    application_of,
    approve_and_sign,
    decide,
    events_of,
    fetch_all,
    result_of,
    status_of,
    task_of,
)


async def test_special_registration_runs_to_the_signer_and_waits_for_the_signature(
    flow: Flow,
) -> None:
    partner: PartnerKey = await flow.make_partner()
    head, executor, signer = (
        await flow.make_officer("head"),
        await flow.make_officer("executor"),
        await flow.make_officer("signer"),
    )
    application_id = await submit(
        flow.client, partner, flow.pki, "pm-special-registration", bin=LEGAL_BIN
    )
    assert await register_now(flow.sessions, flow.statedb, application_id) == "assignment"
    assert (
        await register_now(flow.sessions, flow.statedb, application_id) is None
    )  # a second run: no effect

    task = await task_of(flow.client, head, application_id)
    assert task["step"] == "assignment" and task["due_at"] is not None
    assert task["actions"] == ["assign"]
    # An executor may not take the head's step, and actions outside the state machine fail.
    wrong = await decide(flow.client, head, task["id"], "approve")
    assert wrong.status_code == 409 and wrong.json()["code"] == "invalid_transition"
    assert wrong.json()["allowed"] == ["assign"]
    assert wrong.json()["status"] == 409 and wrong.json()["application_status"] == "assignment"
    bad = await decide(flow.client, head, task["id"], "assign", data={"executor_id": str(head.id)})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_decision"
    moved = await decide(
        flow.client, head, task["id"], "assign", data={"executor_id": str(executor.id)}
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["status"] == "review"

    review = await task_of(flow.client, executor, application_id)
    assert review["assignee_id"] == str(executor.id)
    assert review["step"] == "review"
    result_id = await approve_and_sign(flow.client, executor, signer, review, text="Талаптарға сай")

    # The cache entry went with the change.
    assert await status_of(flow.client, partner, application_id) == "signing"
    result = await result_of(flow.sessions, result_id)
    assert result.status == "awaiting_signature"  # nothing pretends to be signed
    assert (result.outcome, result.kind) == ("approved", "pm_certificate")
    assert result.prepared_by_iin == executor.iin and result.signer_iin == signer.iin
    document = msgspec.convert(result.document, ResultDocument)
    assert document.signer is not None and document.signer.iin == signer.iin
    assert document.addressee.bin == LEGAL_BIN
    assert document.application_number is not None
    assert any(field.key == "operations" for field in document.fields)
    steps = await fetch_all(
        flow.sessions,
        select(WorkflowStep)
        .where(WorkflowStep.application_id == application_id)
        .order_by(WorkflowStep.id),
    )
    assert [step.step for step in steps] == [
        "registration", "assignment", "review", "result_preparation", "signature",
    ]  # fmt: skip
    assert all(step.state == "done" for step in steps)
    # 4 calendar days: the due time is stored when the step starts, at 18:30 local time.
    review_step = steps[2]
    assert review_step.term == "4 calendar-days" and review_step.due_at is not None
    assert review_step.due_at.astimezone().utcoffset() is not None
    events = await events_of(flow.sessions, application_id)
    assert chain_is_intact(events)
    assert [e.data.get("to") for e in events if e.kind == "status_changed"] == [
        "assignment", "review", "result_preparation", "signature", "signing",
    ]  # fmt: skip


async def test_refusal_needs_grounds_of_the_service_and_four_eyes_holds(flow: Flow) -> None:
    partner = await flow.make_partner()
    head, executor = await flow.make_officer("head"), await flow.make_officer("executor")
    # The same person as the executor, holding a signer account: may not sign what they prepared.
    same_person = await flow.make_officer("signer", iin=executor.iin)
    application_id = await submit(flow.client, partner, flow.pki, "pm-export-act", bin=LEGAL_BIN)
    await register_now(flow.sessions, flow.statedb, application_id)
    task = await task_of(flow.client, head, application_id)
    await decide(flow.client, head, task["id"], "assign", data={"executor_id": str(executor.id)})
    review = await task_of(flow.client, executor, application_id)

    unknown = await decide(flow.client, executor, review["id"], "refuse", grounds=["g01_made_up"])
    assert unknown.status_code == 422 and unknown.json()["code"] == "invalid_decision"
    empty = await decide(flow.client, executor, review["id"], "refuse")
    assert empty.status_code == 422
    refused = await decide(
        flow.client, executor, review["id"], "refuse", grounds=["requirements_not_met"],
        text="Сараптама актісі жоқ", instructions="Сараптама актісін ұсыну",
    )  # fmt: skip
    assert refused.status_code == 200, refused.text
    preparation = await task_of(flow.client, executor, application_id)
    await decide(flow.client, executor, preparation["id"], "submit")
    signature = await task_of(flow.client, same_person, application_id)
    four_eyes = await decide(flow.client, same_person, signature["id"], "approve")
    assert four_eyes.status_code == 409 and four_eyes.json()["code"] == "four_eyes"
    async with flow.sessions() as session:
        result = await session.scalar(select(Result).where(Result.application_id == application_id))
        assert result is not None and result.signer_iin is None
        document = msgspec.convert(result.document, ResultDocument)
    assert document.kind == "motivated_refusal"
    assert [ground.code for ground in document.grounds] == ["requirements_not_met"]
    assert document.instructions == "Сараптама актісін ұсыну"

    # The signer may send it back instead: the result is cancelled, review is open again.
    returned = await decide(flow.client, same_person, signature["id"], "return", text="Қайта қарау")
    assert returned.status_code == 200 and returned.json()["status"] == "review"
    async with flow.sessions() as session:
        result = await session.scalar(select(Result).where(Result.application_id == application_id))
        assert result is not None and result.status == "cancelled"


@pytest.mark.parametrize("status", ["liquidated"])
async def test_an_applicant_unknown_to_the_state_databases_gets_the_not_found_notice(
    flow: Flow, status: str
) -> None:
    partner = await flow.make_partner()
    signer = await flow.make_officer("signer")
    original = await flow.statedb.find_legal_entity(LEGAL_BIN)
    assert original is not None
    async with flow.sessions() as session, session.begin():
        await put_entity(session, msgspec.structs.replace(original, status=status))
    try:
        application_id = await submit(
            flow.client, partner, flow.pki, "pm-import-act", bin=LEGAL_BIN
        )
        assert await register_now(flow.sessions, flow.statedb, application_id) == "signature"
    finally:
        async with flow.sessions() as session, session.begin():
            await put_entity(session, original)
    task = await task_of(flow.client, signer, application_id)
    assert (await decide(flow.client, signer, task["id"], "approve")).status_code == 200
    application = await application_of(flow.sessions, application_id)
    async with flow.sessions() as session:
        result = await session.scalar(select(Result).where(Result.application_id == application_id))
    assert application.status == "signing"
    assert result is not None and result.kind == "applicant_not_found"
    assert result.document["grounds"][0]["code"] == "applicant_data_unavailable"
    assert isinstance(original, LegalEntity)


async def test_an_officer_cannot_set_what_only_the_software_sets(flow: Flow) -> None:
    partner = await flow.make_partner()
    head, executor = await flow.make_officer("head"), await flow.make_officer("executor")
    application_id = await submit(
        flow.client, partner, flow.pki, "pm-special-registration", bin=LEGAL_BIN
    )
    await register_now(flow.sessions, flow.statedb, application_id)
    task = await task_of(flow.client, head, application_id)
    await decide(flow.client, head, task["id"], "assign", data={"executor_id": str(executor.id)})
    review = await task_of(flow.client, executor, application_id)
    # The result kind (and with it the document's layout) is the software's to choose.
    approved = await decide(flow.client, executor, review["id"], "approve",
                            data={"kind": "customs_release"})  # fmt: skip
    assert approved.status_code == 200, approved.text

    result = await result_of(flow.sessions, approved.json()["result_id"])
    assert (result.outcome, result.kind) == ("approved", "pm_certificate")


def test_only_the_keys_the_software_sets_are_dropped_from_an_officer_decision() -> None:
    forged = Decision(
        grounds=["g1"],
        data={"kind": "x", "corridor": "green", "certificate_number": "1", "executor_id": "e"},
    )
    kept = officer_decision(forged)
    assert kept.data == {"executor_id": "e"} and kept.grounds == ["g1"]
