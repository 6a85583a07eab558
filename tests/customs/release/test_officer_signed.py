"""S1: the officer who decides a declaration under control signs its result; the system key
signs only automatic releases (issue 16). Signed by the worker's job with the key store."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import msgspec
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.issuing.approval import SIGNER_POSITIONS
from registry.models import Result
from registry.resources import Resources
from testkit.pki.config import PROVIDER_EXECUTOR_IIN, PROVIDER_HEAD_IIN
from testkit.pki.server import BuiltPki
from tests.customs.release.conftest import SERVICE, MakeDeclaration
from tests.customs.release.test_corridors import INSPECTION
from tests.results.test_officer_signing import (
    eds_client,  # noqa: F401 - fixture
    ncalayer_signatures,
)
from tests.workflow.conftest import Flow, MakeOfficer
from tests.workflow.helpers import Client, decide, task_of
from tests.workflow.people import OfficerKey
from workers.jobs.signing import SYSTEM_POSITION, sign_result


async def _result(sessions: async_sessionmaker[AsyncSession], application_id: Any) -> Result:
    async with sessions() as session:
        result = await session.scalar(select(Result).where(Result.application_id == application_id))
    assert result is not None
    return result


async def _under_control(
    flow: Flow, make_declaration: MakeDeclaration, corridor: str
) -> tuple[OfficerKey, uuid.UUID, dict[str, Any]]:
    """A declaration of ``corridor`` under control: (its executor, its id, the executor's task).

    The provider-head certificate's holder works as a customs executor here: a key of that
    IIN is on the token (the key store picks the IIN's only key when roles differ)."""
    executor = await flow.make_officer("executor", iin=PROVIDER_HEAD_IIN, name="БАСШЫБАЕВ ҚАНАТ")
    _, _, _, application_id = await make_declaration(corridor)
    return executor, application_id, await task_of(flow.client, executor, application_id, SERVICE)


async def test_a_yellow_release_is_signed_by_the_deciding_officer(
    flow: Flow, make_declaration: MakeDeclaration, job_ctx: dict[str, Any]
) -> None:
    executor, application_id, task = await _under_control(flow, make_declaration, "yellow")
    approved = await decide(flow.client, executor, task["id"], "approve", text="Құжаттар сәйкес")
    assert approved.status_code == 200, approved.text

    result = await _result(flow.sessions, application_id)
    assert result.document["signer"]["iin"] == PROVIDER_HEAD_IIN
    assert await sign_result(job_ctx, str(result.id)) == "signed"
    signed = await _result(flow.sessions, application_id)
    assert signed.status == "signed"
    assert signed.document["signer"]["iin"] == PROVIDER_HEAD_IIN
    assert signed.document["signer"]["position"] == msgspec.to_builtins(SIGNER_POSITIONS["decider"])


async def test_a_green_release_is_signed_by_the_system_key(
    sessions: async_sessionmaker[AsyncSession],
    make_declaration: MakeDeclaration,
    job_ctx: dict[str, Any],
) -> None:
    _, _, _, application_id = await make_declaration("green")
    result = await _result(sessions, application_id)
    assert result.signer_id is None and result.document.get("signer") is None
    assert await sign_result(job_ctx, str(result.id)) == "signed"
    signed = await _result(sessions, application_id)
    assert signed.document["signer"]["iin"] == PROVIDER_EXECUTOR_IIN  # the system key's holder
    assert signed.document["signer"]["position"] == msgspec.to_builtins(SYSTEM_POSITION)


async def test_a_red_refusal_is_signed_by_the_officer_who_refused(
    flow: Flow, make_declaration: MakeDeclaration, job_ctx: dict[str, Any]
) -> None:
    """The officer both prepares and signs a refusal under control: no four eyes in S1."""
    executor, application_id, task = await _under_control(flow, make_declaration, "red")
    refused = await decide(
        flow.client,
        executor,
        task["id"],
        "refuse",
        text="VIN сәйкес емес",
        instructions="VIN нөмірін түзетіңіз",
        data={"inspection_act": {**INSPECTION, "result": "discrepancies"}},
    )
    assert refused.status_code == 200, refused.text
    result = await _result(flow.sessions, application_id)
    assert result.prepared_by == executor.id
    assert await sign_result(job_ctx, str(result.id)) == "signed"
    signed = await _result(flow.sessions, application_id)
    assert signed.document["signer"]["iin"] == PROVIDER_HEAD_IIN


@pytest.fixture
def eds_job_ctx(job_ctx: dict[str, Any], resources: Resources) -> dict[str, Any]:
    """The worker of a deployment where officers sign with their own keys."""
    settings = msgspec.structs.replace(resources.settings, officer_signing="eds")
    return {**job_ctx, "resources": dataclasses.replace(resources, settings=settings)}


async def test_with_own_keys_the_deciding_officer_signs_and_the_worker_does_not(
    eds_client: Client,  # noqa: F811
    pki: BuiltPki,
    make_officer: MakeOfficer,
    sessions: async_sessionmaker[AsyncSession],
    make_declaration: MakeDeclaration,
    eds_job_ctx: dict[str, Any],
) -> None:
    """QAQPA_OFFICER_SIGNING=eds: a decision under control waits for its officer's own
    signature (a signing session); the server-held keys sign only automatic releases."""
    executor = await make_officer("executor", iin=PROVIDER_HEAD_IIN, name="БАСШЫБАЕВ ҚАНАТ")
    other = await make_officer("executor", iin=PROVIDER_EXECUTOR_IIN, name="ОРЫНДАУШЫ ӘСЕЛ")
    _, _, _, application_id = await make_declaration("yellow")
    task = await task_of(eds_client, executor, application_id, SERVICE)
    approved = await decide(eds_client, executor, task["id"], "approve", text="Сәйкес")
    assert approved.status_code == 200, approved.text
    result = await _result(sessions, application_id)
    assert await sign_result(eds_job_ctx, str(result.id)) == "nothing_to_sign"
    assert (await _result(sessions, application_id)).status == "awaiting_signature"

    url = f"/v1/officer/results/{result.id}/signing-sessions"
    refused = await eds_client.post(url, headers=other.headers)  # not the decider
    assert refused.status_code == 409 and refused.json()["code"] == "result_not_signable"
    opened = await eds_client.post(url, headers=executor.headers)
    assert opened.status_code == 201, opened.text
    signed = await eds_client.post(
        f"/v1/officer/signing-sessions/{opened.json()['id']}",
        json=ncalayer_signatures(pki, "provider-head", opened.json()),
        headers=executor.headers,
    )
    assert signed.status_code == 202, signed.text
    issued = await _result(sessions, application_id)
    assert issued.status == "signed" and issued.signer_id is None
    assert issued.document["signer"]["iin"] == PROVIDER_HEAD_IIN
    assert issued.document["signer"]["position"] == msgspec.to_builtins(SIGNER_POSITIONS["decider"])

    # A green release still goes to the system key, in this deployment too.
    _, _, _, green = await make_declaration("green")
    automatic = await _result(sessions, green)
    assert await sign_result(eds_job_ctx, str(automatic.id)) == "signed"


async def test_the_deciding_officer_cannot_return_a_decision_to_themselves(
    client: Client,
    make_officer: MakeOfficer,
    sessions: async_sessionmaker[AsyncSession],
    make_declaration: MakeDeclaration,
) -> None:
    executor = await make_officer("executor", iin=PROVIDER_HEAD_IIN, name="БАСШЫБАЕВ ҚАНАТ")
    _, _, _, application_id = await make_declaration("yellow")
    task = await task_of(client, executor, application_id, SERVICE)
    assert (await decide(client, executor, task["id"], "approve")).status_code == 200
    result = await _result(sessions, application_id)
    answer = await client.post(
        f"/v1/officer/results/{result.id}/return",
        json={"reason": "Қайта қарау"},
        headers=executor.headers,
    )
    assert answer.status_code == 409 and answer.json()["code"] == "result_not_returnable"
