"""S1 through the API: each corridor, officer control, refusals, the warehouse exit, notices."""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from typing import Any

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import chain_is_intact
from registry.models import (
    Application,
    CustomsDeclaration,
    CustomsNotification,
    Event,
    InspectionAct,
    LedgerEntry,
    Result,
    WorkflowStep,
)
from registry.results.document import ResultDocument
from testkit.pki.config import LEGAL_BIN
from tests.customs.release.conftest import (
    EXAMPLE_DUE,
    SERVICE,
    MakeDeclaration,
    declaration,
    funded_account,
    make_warehouse,
    names_warehouse,
    new_bin,
)
from tests.workflow.conftest import Flow, MakeOfficer, register_now
from tests.workflow.helpers import (
    Client,
    decide,
    events_of,
    fetch_all,
    selections_of,
    status_of,
    submit_document,
    task_of,
)

NUMBER = re.compile(r"^55201000/\d{6}/\d{7}$")
INSPECTION = {
    "place": "СВХ «Хоргос Логистик», рампа 3",
    "inspected_at": "2026-11-23T10:00:00+05:00",
    "findings": "Тауарлар декларацияға сәйкес / Товары соответствуют декларации",
    "result": "conforms",
    "items_inspected": [1, 2],
    "seals": ["KZ-0041123"],
}


async def _write_offs(
    sessions: async_sessionmaker[AsyncSession], application_id: uuid.UUID
) -> list[LedgerEntry]:
    return await fetch_all(
        sessions,
        select(LedgerEntry).where(
            LedgerEntry.application_id == application_id, LedgerEntry.kind == "write_off"
        ),
    )


def _path(events: list[Event]) -> list[str]:
    return [str(e.data["to"]) for e in events if e.kind == "status_changed"]


async def _notified(
    sessions: async_sessionmaker[AsyncSession], application_id: uuid.UUID, decision: str
) -> dict[str, list[str]]:
    async with sessions() as session:
        rows = await session.scalars(
            select(CustomsNotification).where(
                CustomsNotification.application_id == application_id,
                CustomsNotification.decision == decision,
            )
        )
        return {row.recipient: list(row.roles) for row in rows}


async def test_green_is_released_by_the_registration_job_and_debited_once(flow: Flow) -> None:
    funded = Decimal("2000000.00")
    partner, payments, account = await funded_account(flow.client, flow.make_partner, funded)
    application_id = await submit_document(flow.client, partner, flow.pki, declaration(account))

    assert await register_now(flow.sessions, flow.statedb, application_id) == "registered"
    assert await register_now(flow.sessions, flow.statedb, application_id) is None  # a re-run

    assert await status_of(flow.client, partner, application_id) == "release_permitted"
    entries = await _write_offs(flow.sessions, application_id)
    assert [entry.amount for entry in entries] == [EXAMPLE_DUE]
    async with flow.sessions() as session:
        application = await session.get(Application, application_id)
        assert application is not None
        assert application.registration_number is not None
        assert NUMBER.fullmatch(application.registration_number)
        declared = await session.get(CustomsDeclaration, application_id)
        assert declared is not None and declared.corridor == "green"
        assert not declared.post_clearance_audit and declared.released_at is not None
        result = await session.scalar(select(Result).where(Result.application_id == application_id))
        assert result is not None
        assert (result.kind, result.outcome, result.status) == (
            "customs_release", "approved", "awaiting_signature",
        )  # fmt: skip
        assert result.prepared_by is None  # the system, no officer
        document = msgspec.convert(result.document, ResultDocument)
        fields = {field.key: field.value for field in document.fields}
        assert fields["declaration_number"] == application.registration_number
        assert fields["payments"] == f"{EXAMPLE_DUE} KZT"
        officer_steps = await session.scalar(
            select(func.count()).select_from(WorkflowStep).where(
                WorkflowStep.application_id == application_id,
                WorkflowStep.role.not_in(("system",)),
                WorkflowStep.step != "registration",
            )
        )  # fmt: skip
        assert officer_steps == 0
    assert [s.corridor for s in await selections_of(flow.sessions, application_id)] == ["green"]
    events = await events_of(flow.sessions, application_id)
    assert chain_is_intact(events)
    assert _path(events) == ["registered", "risk_check", "payment_write_off", "release_permitted"]
    account_view = await flow.client.get(
        f"/v1/customs/accounts/{account}", headers=payments.headers
    )
    assert account_view.json()["balance"] == str(funded - EXAMPLE_DUE)
    notified = await _notified(flow.sessions, application_id, "release_permitted")
    assert notified == {LEGAL_BIN: ["applicant"], account: ["declarant"]}


async def test_blue_is_released_with_a_post_clearance_audit_flag(
    client: Client,
    sessions: async_sessionmaker[AsyncSession],
    make_declaration: MakeDeclaration,
) -> None:
    partner, _, _, application_id = await make_declaration("blue")

    assert await status_of(client, partner, application_id) == "release_permitted"
    async with sessions() as session:
        declared = await session.get(CustomsDeclaration, application_id)
        assert declared is not None
        assert (declared.corridor, declared.post_clearance_audit) == ("blue", True)
        result = await session.scalar(select(Result).where(Result.application_id == application_id))
        assert result is not None
        keys = [field["key"] for field in result.document["fields"]]
        assert "post_clearance_audit" in keys
    assert len(await _write_offs(sessions, application_id)) == 1
    routed = [e for e in await events_of(sessions, application_id) if e.data.get("corridor")]
    assert routed[0].data["post_clearance_audit"] is True


async def test_yellow_goes_to_documentary_control_and_an_officer_releases_it(
    flow: Flow, make_declaration: MakeDeclaration
) -> None:
    executor = await flow.make_officer("executor")
    partner, _, _, application_id = await make_declaration("yellow")
    assert await status_of(flow.client, partner, application_id) == "under_control"
    assert (
        await _write_offs(flow.sessions, application_id) == []
    )  # nothing paid before the decision

    task = await task_of(flow.client, executor, application_id, SERVICE)
    assert task["step"] == "release_decision" and task["due_at"] is not None
    assert "approve" in task["actions"] and "refuse" in task["actions"]
    approved = await decide(flow.client, executor, task["id"], "approve", text="Құжаттар сәйкес")
    assert approved.status_code == 200, approved.text

    assert await status_of(flow.client, partner, application_id) == "release_permitted"
    assert len(await _write_offs(flow.sessions, application_id)) == 1
    events = await events_of(flow.sessions, application_id)
    assert _path(events) == [
        "registered", "risk_check", "under_control", "payment_write_off", "release_permitted",
    ]  # fmt: skip
    approval = next(e for e in events if e.data.get("action") == "approve")
    assert approval.actor == f"officer:{executor.id}"


async def test_red_needs_the_inspection_act_and_is_refused_with_reasons(flow: Flow) -> None:
    partner = await flow.make_partner()
    executor = await flow.make_officer("executor")
    account = new_bin()
    representative = new_bin()

    def with_representative(form: dict[str, Any]) -> None:
        form["customs_representative"] = {
            "bin": representative, "name": '"Кеден Брокер" ЖШС', "register_number": "0012/2",
            "agreement_number": "КП-17", "agreement_date": "2025-01-10",
        }  # fmt: skip

    document = declaration(account, corridor="red", representative=with_representative)
    application_id = await submit_document(flow.client, partner, flow.pki, document)
    await register_now(flow.sessions, flow.statedb, application_id)
    assert await status_of(flow.client, partner, application_id) == "under_control"
    task = await task_of(flow.client, executor, application_id, SERVICE)

    missing_act = await decide(flow.client, executor, task["id"], "approve")
    assert missing_act.status_code == 422 and missing_act.json()["code"] == "invalid_decision"
    no_instructions = await decide(
        flow.client, executor, task["id"], "refuse", text="Тауар сәйкес емес", data={
            "inspection_act": INSPECTION}
    )  # fmt: skip
    assert no_instructions.status_code == 422
    refused = await decide(
        flow.client, executor, task["id"], "refuse",
        text="Қарап тексеру: 2-тауардың VIN нөмірі декларацияға сәйкес емес / VIN товара № 2 "
        "не соответствует декларации",
        instructions="2-тауардың VIN нөмірін түзетіп, декларацияны қайта беріңіз / исправьте "
        "VIN товара № 2 и подайте декларацию повторно",
        data={"inspection_act": {**INSPECTION, "result": "discrepancies"}},
    )  # fmt: skip
    assert refused.status_code == 200, refused.text
    assert refused.json()["status"] == "release_refused"

    assert await status_of(flow.client, partner, application_id) == "release_refused"
    assert await _write_offs(flow.sessions, application_id) == []
    async with flow.sessions() as session:
        result = await session.get(Result, uuid.UUID(refused.json()["result_id"]))
        assert result is not None
        assert (result.kind, result.outcome) == ("customs_release_refusal", "refused")
        document_ = msgspec.convert(result.document, ResultDocument)
        assert [ground.code for ground in document_.grounds] == ["release_conditions_not_met"]
        assert document_.instructions is not None and "VIN" in document_.instructions
        acts = (
            await session.scalars(
                select(InspectionAct).where(InspectionAct.application_id == application_id)
            )
        ).all()
        assert [act.act["result"] for act in acts] == ["discrepancies"]
        assert acts[0].officer_id == executor.id
    notified = await _notified(flow.sessions, application_id, "release_refused")
    assert notified == {
        LEGAL_BIN: ["applicant"], account: ["declarant"],
        representative: ["customs_representative"],
    }  # fmt: skip


async def test_red_is_released_after_the_inspection(
    flow: Flow, make_declaration: MakeDeclaration
) -> None:
    executor = await flow.make_officer("executor")
    partner, _, _, application_id = await make_declaration("red", Decimal("9000000.00"))
    task = await task_of(flow.client, executor, application_id, SERVICE)
    approved = await decide(flow.client, executor, task["id"], "approve",
                             data={"inspection_act": INSPECTION})  # fmt: skip
    assert approved.status_code == 200, approved.text
    assert await status_of(flow.client, partner, application_id) == "release_permitted"
    assert len(await _write_offs(flow.sessions, application_id)) == 1
    async with flow.sessions() as session:
        acts = await session.scalar(
            select(func.count()).select_from(InspectionAct).where(
                InspectionAct.application_id == application_id)
        )  # fmt: skip
        assert acts == 1


async def test_registration_is_refused_for_a_control_error_with_a_motivated_notice(
    flow: Flow,
) -> None:
    partner = await flow.make_partner()
    account = new_bin()

    def unknown_hs_code(form: dict[str, Any]) -> None:
        form["goods"][0]["hs_code"] = "9999990000"

    application_id = await submit_document(
        flow.client, partner, flow.pki, declaration(account, hs=unknown_hs_code)
    )
    assert await register_now(flow.sessions, flow.statedb, application_id) == "registration_refused"

    assert await status_of(flow.client, partner, application_id) == "registration_refused"
    async with flow.sessions() as session:
        application = await session.get(Application, application_id)
        assert application is not None and application.registration_number is not None
        assert not NUMBER.fullmatch(application.registration_number)  # no declaration number
        result = await session.scalar(select(Result).where(Result.application_id == application_id))
        assert result is not None
        assert (result.kind, result.outcome) == ("registration_refusal", "refused")
        document = msgspec.convert(result.document, ResultDocument)
        errors = next(table for table in document.tables if table.key == "control_errors")
        assert [row["code"] for row in errors.rows] == ["hs_code_unknown"]
        assert errors.rows[0]["pointer"] == "/goods/0/hs_code"
        assert document.instructions and "999999" in document.instructions
        assert await session.get(CustomsDeclaration, application_id) is None
    assert await _write_offs(flow.sessions, application_id) == []
    assert set(await _notified(flow.sessions, application_id, "registration_refused")) == {
        LEGAL_BIN, account,
    }  # fmt: skip


async def test_goods_are_collected_only_after_release(
    flow: Flow, make_declaration: MakeDeclaration
) -> None:
    warehouse = await make_warehouse(flow.sessions, flow.make_partner)
    executor = await flow.make_officer("executor")
    partner, _, _, application_id = await make_declaration("yellow", box30=names_warehouse)
    url = f"/v1/customs/declarations/{application_id}/goods-collected"
    body = {"warehouse_code": "KZ/14/0031", "exit_document": "ВЫП-118"}

    early = await flow.client.post(url, json=body, headers=warehouse.headers)
    assert early.status_code == 409 and early.json()["code"] == "invalid_transition"
    not_warehouse = await flow.client.post(url, json=body, headers=partner.headers)
    assert not_warehouse.status_code == 403

    task = await task_of(flow.client, executor, application_id, SERVICE)
    assert (await decide(flow.client, executor, task["id"], "approve")).status_code == 200
    collected = await flow.client.post(url, json=body, headers=warehouse.headers)
    assert collected.status_code == 200, collected.text
    assert collected.json()["status"] == "goods_collected"
    assert await status_of(flow.client, partner, application_id) == "goods_collected"
    again = await flow.client.post(url, json=body, headers=warehouse.headers)
    assert again.status_code == 409
    async with flow.sessions() as session:
        declared = await session.get(CustomsDeclaration, application_id)
        assert declared is not None and declared.goods_collected_at is not None
        assert declared.warehouse is not None
        assert declared.warehouse["warehouse_code"] == "KZ/14/0031"


async def test_a_head_reroutes_a_declaration_under_control_to_green(
    flow: Flow, make_declaration: MakeDeclaration
) -> None:
    """To red at once; to green only when a second officer approves (four eyes)."""
    head, executor = await flow.make_officer("head"), await flow.make_officer("executor")
    unit_head = await flow.make_officer("unit_head")  # another person (IIN)
    application_id = (await make_declaration("yellow")).application_id
    url = f"/v1/officer/customs/declarations/{application_id}/reroute"

    by_executor = await flow.client.post(
        url, json={"corridor": "green", "reason": "x"}, headers=executor.headers
    )
    assert by_executor.status_code == 403
    to_red = await flow.client.post(
        url, headers=head.headers, json={
            "corridor": "red", "forms_of_control": ["inspection"],
            "reason": "Оперативная информация / жедел ақпарат"},
    )  # fmt: skip
    assert to_red.status_code == 200, to_red.text
    assert to_red.json() == {"application_id": str(application_id), "status": "under_control",
                             "corridor": "red"}  # fmt: skip
    to_green = await flow.client.post(
        url, headers=head.headers, json={"corridor": "green", "reason": "Проверка снята"}
    )
    assert to_green.status_code == 202, to_green.text
    change = to_green.json()
    assert change["status"] == "pending_approval" and change["kind"] == "reroute"
    assert change["application_id"] == str(application_id)
    # Pending: nothing moved, nothing paid, the officer's task is still open.
    async with flow.sessions() as session:
        still = await session.get(Application, application_id)
        assert still is not None and still.status == "under_control"
    assert await _write_offs(flow.sessions, application_id) == []
    assert (await task_of(flow.client, executor, application_id, SERVICE))[
        "step"
    ] == "release_decision"

    approve = f"/v1/admin/risk-changes/{change['id']}/approve"
    own = await flow.client.post(approve, headers=head.headers)
    assert own.status_code == 409 and own.json()["code"] == "four_eyes"
    approved = await flow.client.post(approve, headers=unit_head.headers)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "applied"
    assert approved.json()["effect"]["status"] == "release_permitted"
    assert len(await _write_offs(flow.sessions, application_id)) == 1
    rows = await selections_of(flow.sessions, application_id)
    assert [row.kind for row in rows] == ["automatic", "reroute", "reroute"]
    assert rows[-1].officer_id == head.id  # who decided it; the change names the approver
    async with flow.sessions() as session:
        open_tasks = await session.scalar(
            select(func.count()).select_from(WorkflowStep).where(
                WorkflowStep.application_id == application_id, WorkflowStep.state == "open")
        )  # fmt: skip
        assert open_tasks == 0
    again = await flow.client.post(approve, headers=unit_head.headers)
    assert again.status_code == 409 and again.json()["code"] == "risk_change_not_pending"


async def test_customs_officers_act_only_on_their_offices_declarations(
    client: Client,
    make_officer: MakeOfficer,
    make_declaration: MakeDeclaration,
) -> None:
    """The example declaration is lodged at 55201000: office 50010 neither sees, decides nor
    re-routes it; an officer of 55201 (a prefix covers the office's posts) does."""
    application_id = (await make_declaration("yellow")).application_id
    theirs = await make_officer("executor", offices=("50010",))
    ours = await make_officer("executor", offices=("55201",))
    task = await task_of(client, ours, application_id, SERVICE)

    listed = await client.get(
        "/v1/officer/tasks", headers=theirs.headers, params={"limit": 200, "service": SERVICE}
    )
    assert str(application_id) not in [row["application_id"] for row in listed.json()]
    refused = await decide(client, theirs, task["id"], "approve", text="Құжаттар сәйкес")
    assert refused.status_code == 404 and refused.json()["code"] == "task_not_found"

    other_head = await make_officer("head", offices=("50010",))
    reroute = await client.post(
        f"/v1/officer/customs/declarations/{application_id}/reroute",
        json={"corridor": "red", "forms_of_control": ["inspection"], "reason": "x"},
        headers=other_head.headers,
    )
    assert reroute.status_code == 404 and reroute.json()["code"] == "application_not_found"

    approved = await decide(client, ours, task["id"], "approve", text="Құжаттар сәйкес")
    assert approved.status_code == 200, approved.text
