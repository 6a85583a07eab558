"""A complaint's decision goes to signing: a signer approves it, the worker signs it.

The head decides through the API, a signer (the provider head's key is on the session's
SoftHSM2 token) approves the decision at ``/v1/officer/complaints/{id}/signature``, and the
``sign_result`` job runs in-process (the ``job_ctx`` of tests/results).
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx
import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import chain_is_intact
from registry.complaints.decisions import decide_complaint
from registry.complaints.errors import ComplaintDecisionAlreadyApprovedError
from registry.complaints.signature import approve_decision_for_signature
from registry.issuing.approval import SIGNER_POSITIONS
from registry.models import OutboxMessage
from registry.outbox import Job
from registry.results.document import ResultDocument
from registry.statedb.postgres import PostgresStateDatabase
from registry.workflow.errors import RoleNotAllowedError
from testkit.pki.config import PROVIDER_HEAD_IIN
from tests.complaints.conftest import (
    OFFICER,
    Identity,
    complain,
    decide_complaint_of,
    registered,
)
from tests.conftest import PartnerKey
from tests.results.conftest import (
    SIGNER_NAME,
    issuer,  # noqa: F401 - fixture
    job_ctx,  # noqa: F401 - fixture
)
from tests.workflow.conftest import Flow, MakeOfficer
from tests.workflow.helpers import Client, application_of, events_of, fetch_all, result_of
from tests.workflow.people import OfficerKey
from workers.jobs.signing import sign_result

KZ = timezone(timedelta(hours=5))
BODY = {
    "level": "provider",
    "text": "Өтінім негізсіз қайтарылды / Заявление возвращено необоснованно",
    "request": "Өтінімді қайта қарау / Пересмотреть заявление",
}


def _complaints(application_id: uuid.UUID) -> str:
    return f"/v1/applications/{application_id}/complaints"


async def _approve(client: Client, officer: OfficerKey, complaint_id: object) -> httpx.Response:
    return await client.post(f"{OFFICER}/{complaint_id}/signature", headers=officer.headers)


async def _decided(
    client: Client, partner: PartnerKey, head: OfficerKey, application_id: uuid.UUID
) -> dict[str, Any]:
    """A complaint filed through the API and rejected by ``head``: the decision's view."""
    filed = await client.post(_complaints(application_id), json=BODY, headers=partner.headers)
    assert filed.status_code == 201, filed.text
    decided = await decide_complaint_of(
        client, head, filed.json()["id"], "reject", text="Шешім заңды / Решение законно"
    )
    assert decided.status_code == 200, decided.text
    view: dict[str, Any] = decided.json()
    return view


async def _sign_jobs(
    sessions: async_sessionmaker[AsyncSession], result_id: object
) -> list[OutboxMessage]:
    return await fetch_all(
        sessions,
        select(OutboxMessage).where(
            OutboxMessage.job == Job.SIGN_RESULT,
            OutboxMessage.payload["result_id"].astext == str(result_id),
        ),
    )


async def _awaiting(client: Client, officer: OfficerKey) -> list[dict[str, Any]]:
    listed = await client.get(
        OFFICER, headers=officer.headers, params={"awaiting_signature": "true", "limit": 200}
    )
    assert listed.status_code == 200, listed.text
    items: list[dict[str, Any]] = listed.json()
    return items


async def _partner_view(
    client: Client, partner: PartnerKey, application_id: uuid.UUID, complaint_id: str
) -> dict[str, Any]:
    listed = await client.get(_complaints(application_id), headers=partner.headers)
    assert listed.status_code == 200, listed.text
    view: dict[str, Any] = next(c for c in listed.json() if c["id"] == complaint_id)
    return view


async def test_a_signer_sends_the_decision_to_signing_and_the_partner_gets_the_documents(
    flow: Flow,
    job_ctx: dict[str, Any],  # noqa: F811 - the fixture imported above
) -> None:
    partner: PartnerKey = await flow.make_partner()
    head = await flow.make_officer("head")
    signer = await flow.make_officer("signer", iin=PROVIDER_HEAD_IIN, name=SIGNER_NAME)
    application_id = await registered(flow.sessions, flow.statedb, partner, datetime.now(UTC))
    decided = await _decided(flow.client, partner, head, application_id)
    complaint_id, result_id = decided["id"], decided["result_id"]
    assert decided["decision_status"] == "awaiting_signature"
    assert decided["decision_number"].startswith("Ш-")
    assert decided["decision_approved_for_signature_at"] is None

    # The signers' work: decided complaints whose decision waits for a signer.
    waiting = [c for c in await _awaiting(flow.client, signer) if c["id"] == complaint_id]
    assert len(waiting) == 1 and waiting[0]["decision_status"] == "awaiting_signature"
    before = await _partner_view(flow.client, partner, application_id, complaint_id)
    assert before["decision_status"] == "awaiting_signature"
    assert before["decision_signed_at"] is None
    status = await flow.client.get(f"/v1/applications/{application_id}", headers=partner.headers)
    assert status.status_code == 200  # cached now: the approval must invalidate it

    approved = await _approve(flow.client, signer, complaint_id)
    assert approved.status_code == 200, approved.text
    view = approved.json()
    assert (view["id"], view["status"], view["result_id"]) == (complaint_id, "rejected", result_id)
    assert view["decision_status"] == "awaiting_signature"  # until the worker has signed it
    assert view["decision_approved_for_signature_at"] is not None

    result = await result_of(flow.sessions, result_id)
    assert (result.signer_id, result.signer_iin) == (signer.id, PROVIDER_HEAD_IIN)
    assert result.prepared_by_iin == head.iin and result.approved_for_signature_at is not None
    document = msgspec.convert(result.document, ResultDocument)
    assert document.signer is not None
    assert (document.signer.iin, document.signer.name) == (PROVIDER_HEAD_IIN, SIGNER_NAME)
    assert document.signer.position == SIGNER_POSITIONS["signer"]
    assert len(await _sign_jobs(flow.sessions, result_id)) == 1
    events = await events_of(flow.sessions, application_id)
    assert chain_is_intact(events)
    assert events[-1].kind == "complaint_decision_approved"
    assert events[-1].actor == f"officer:{signer.id}"
    assert events[-1].data == {
        "complaint_id": complaint_id, "number": view["number"], "result_id": result_id,
        "result_number": result.number, "role": "signer", "signer_id": str(signer.id),
    }  # fmt: skip
    status = await flow.client.get(f"/v1/applications/{application_id}", headers=partner.headers)
    assert status.json()["last_events"][-1]["kind"] == "complaint_decision_approved"
    assert complaint_id not in {c["id"] for c in await _awaiting(flow.client, signer)}

    # Once only: a second approval is refused and writes nothing.
    again = await _approve(flow.client, signer, complaint_id)
    assert again.status_code == 409
    assert again.json()["code"] == "complaint_decision_already_approved"
    assert again.json()["decision_status"] == "awaiting_signature"
    assert len(await _sign_jobs(flow.sessions, result_id)) == 1
    assert len(await events_of(flow.sessions, application_id)) == len(events)

    # The worker signs it with the signer's key; the application stays where it was.
    assert await sign_result(job_ctx, result_id) == "signed"
    after = await _partner_view(flow.client, partner, application_id, complaint_id)
    assert after["decision_status"] == "signed" and after["result_id"] == result_id
    assert after["decision_signed_at"] is not None
    documents = await flow.client.get(
        f"/v1/applications/{application_id}/documents", headers=partner.headers
    )
    assert documents.status_code == 200, documents.text
    mine = [d for d in documents.json() if d["result_id"] == result_id]
    assert sorted(d["kind"] for d in mine) == ["pdf", "xml"]
    assert {d["result_kind"] for d in mine} == {"complaint_decision"}
    assert (await application_of(flow.sessions, application_id)).status == "assignment"
    signed = await _approve(flow.client, signer, complaint_id)
    assert signed.status_code == 409
    assert signed.json()["code"] == "complaint_decision_already_approved"
    assert signed.json()["decision_status"] == "signed"
    assert chain_is_intact(await events_of(flow.sessions, application_id))


async def test_four_eyes_roles_and_undecided_complaints_are_refused(
    flow: Flow,
) -> None:
    partner: PartnerKey = await flow.make_partner()
    head, executor = await flow.make_officer("head"), await flow.make_officer("executor")
    # The head who decided, holding a signer account too: may not approve what they prepared.
    same_person = await flow.make_officer("signer", iin=head.iin)
    signer = await flow.make_officer("signer")
    application_id = await registered(flow.sessions, flow.statedb, partner, datetime.now(UTC))
    decided = await _decided(flow.client, partner, head, application_id)
    complaint_id, result_id = decided["id"], decided["result_id"]
    events = await events_of(flow.sessions, application_id)

    four_eyes = await _approve(flow.client, same_person, complaint_id)
    assert four_eyes.status_code == 409 and four_eyes.json()["code"] == "four_eyes"
    assert four_eyes.json()["detail"] == "whoever prepared a result cannot also sign it"
    russian = await flow.client.post(
        f"{OFFICER}/{complaint_id}/signature",
        headers={**same_person.headers, "Accept-Language": "ru"},
    )
    assert russian.json()["title"] == "Подготовивший результат не может его подписать"
    for refused in (
        await _approve(flow.client, head, complaint_id),
        await _approve(flow.client, executor, complaint_id),
    ):
        assert refused.status_code == 403 and refused.json()["code"] == "officer_forbidden"
    anonymous = await flow.client.post(f"{OFFICER}/{complaint_id}/signature")
    assert anonymous.status_code == 401
    # Nothing was written by any of them.
    result = await result_of(flow.sessions, result_id)
    assert result.signer_id is None and result.signer_iin is None
    assert result.approved_for_signature_at is None and result.status == "awaiting_signature"
    assert result.document.get("signer") is None
    assert await _sign_jobs(flow.sessions, result_id) == []
    assert len(await events_of(flow.sessions, application_id)) == len(events)
    assert complaint_id in {c["id"] for c in await _awaiting(flow.client, signer)}

    missing = await _approve(flow.client, signer, uuid.uuid4())
    assert missing.status_code == 404 and missing.json()["code"] == "complaint_not_found"
    filed = await flow.client.post(_complaints(application_id), json=BODY, headers=partner.headers)
    undecided = await _approve(flow.client, signer, filed.json()["id"])
    assert undecided.status_code == 409 and undecided.json()["code"] == "complaint_not_decided"
    assert undecided.json()["complaint_status"] == "open"

    # Executors see neither list; signers may read the open ones too.
    awaiting = {"awaiting_signature": "true"}
    assert (
        await flow.client.get(OFFICER, headers=executor.headers, params=awaiting)
    ).status_code == 403
    assert (await flow.client.get(OFFICER, headers=signer.headers)).status_code == 200
    # The registry checks the role as well, not only the route's guard.
    async with flow.sessions() as session, session.begin():
        try:
            await approve_decision_for_signature(
                session, uuid.UUID(complaint_id), Identity(id=head.id, iin=head.iin),
                datetime.now(UTC),
            )  # fmt: skip
        except RoleNotAllowedError as error:
            assert error.extra["roles"] == ["signer"]
        else:
            raise AssertionError("a head approved a decision for signature")

    # The other signer may: the decision goes to signing.
    approved = await _approve(flow.client, signer, complaint_id)
    assert approved.status_code == 200, approved.text
    assert len(await _sign_jobs(flow.sessions, result_id)) == 1


async def test_two_signers_approving_at_once_queue_one_signature(
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
    make_partner: Any,
    make_officer: MakeOfficer,
) -> None:
    partner: PartnerKey = await make_partner()
    head = await make_officer("head")
    first = await make_officer("signer", iin=PROVIDER_HEAD_IIN)
    second = await make_officer("signer")
    arrived = datetime(2026, 11, 23, 10, 0, tzinfo=KZ)
    application_id = await registered(sessions, statedb, partner, arrived)
    filed = await complain(sessions, partner, application_id, arrived)

    async with sessions() as session, session.begin():
        decided = await decide_complaint(
            session, filed.id, Identity(id=head.id, iin=head.iin), "uphold", "Негізді",
            arrived + timedelta(hours=1),
        )  # fmt: skip

    async def approve(officer: OfficerKey) -> str:
        identity = Identity(id=officer.id, iin=officer.iin, role="signer", name="Қол қоюшы")
        try:
            async with sessions() as session, session.begin():
                await approve_decision_for_signature(
                    session, filed.id, identity, arrived + timedelta(hours=2)
                )
        except ComplaintDecisionAlreadyApprovedError:
            return "already_approved"
        return "approved"

    outcomes = await asyncio.gather(approve(first), approve(second))
    assert sorted(outcomes) == ["already_approved", "approved"]
    assert len(await _sign_jobs(sessions, decided.result_id)) == 1
    result = await result_of(sessions, str(decided.result_id))
    assert result.signer_id in {first.id, second.id}
    events = await events_of(sessions, application_id)
    assert [e.kind for e in events].count("complaint_decision_approved") == 1
    assert chain_is_intact(events)
