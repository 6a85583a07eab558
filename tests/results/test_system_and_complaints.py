"""Results outside the officer's signature step: complaint decisions and system-approved results.

A complaint decision is a result of the application but not of its status machine: signing
it stores its documents and leaves the application where it is. A result with no officer
signer (the system approved it) is signed with the key store's ``system`` key.
"""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import insert

from registry.issuing.approval import request_signing
from registry.models import Result
from testkit.pki.config import PROVIDER_EXECUTOR_IIN
from testkit.samples import sample_documents
from tests.results.conftest import drive_to_signing
from tests.results.helpers import documents_of
from tests.workflow.conftest import Flow
from tests.workflow.helpers import application_of, events_of, result_of
from workers.jobs.signing import SYSTEM_POSITION, sign_result

Client = AsyncTestClient[Litestar]


async def test_a_system_signed_complaint_decision_leaves_the_application_where_it_is(
    flow: Flow, job_ctx: dict[str, Any]
) -> None:
    signing = await drive_to_signing(flow, await flow.make_partner())
    decision_id = uuid.uuid4()
    sample = sample_documents()["complaint_decision"]
    document = msgspec.structs.replace(
        sample, id=decision_id, application_id=signing.application_id, signer=None
    )
    async with flow.sessions() as session, session.begin():
        await session.execute(
            insert(Result).values(
                id=decision_id, application_id=signing.application_id,
                kind="complaint_decision", outcome="approved", status="awaiting_signature",
                number=f"Ш-TEST-{decision_id.hex[:8]}", document=msgspec.to_builtins(document),
            )
        )  # fmt: skip
        await request_signing(session, decision_id)

    assert await sign_result(job_ctx, str(decision_id)) == "signed"
    application = await application_of(flow.sessions, signing.application_id)
    decision = await result_of(flow.sessions, decision_id)
    officer_result = await result_of(flow.sessions, signing.result_id)
    assert application.status == "signing"  # not moved
    assert decision.status == "signed"
    assert officer_result.status == "awaiting_signature"
    assert [d.kind for d in await documents_of(flow.sessions, decision_id)] == ["pdf", "xml"]
    signed_doc = decision.document["signer"]
    assert signed_doc["iin"] == PROVIDER_EXECUTOR_IIN  # the system key's holder
    assert signed_doc["position"] == msgspec.to_builtins(SYSTEM_POSITION)
    events = await events_of(flow.sessions, signing.application_id)
    assert [e.data["result_id"] for e in events if e.kind == "result_signed"] == [str(decision_id)]
    assert events[-1].kind == "result_signed"  # no status change followed

    # The application's own result is still signed and moves it on afterwards.
    assert await sign_result(job_ctx, str(signing.result_id)) == "signed"
    application = await application_of(flow.sessions, signing.application_id)
    assert application.status == "result_registration"


async def test_an_unknown_result_is_nothing_to_sign(job_ctx: dict[str, Any]) -> None:
    assert await sign_result(job_ctx, str(uuid.uuid4())) == "nothing_to_sign"
