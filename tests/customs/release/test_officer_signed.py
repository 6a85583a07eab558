"""S1: the officer who decides a declaration under control signs its result; the system key
signs only automatic releases (issue 16). Signed by the worker's job with the key store."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.issuing.approval import SIGNER_POSITIONS
from registry.models import Result
from testkit.pki.config import PROVIDER_EXECUTOR_IIN, PROVIDER_HEAD_IIN
from tests.customs.release.conftest import SERVICE, MakeDeclaration
from tests.customs.release.test_corridors import INSPECTION
from tests.workflow.conftest import Flow
from tests.workflow.helpers import decide, task_of
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
