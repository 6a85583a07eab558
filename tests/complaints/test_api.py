"""Complaints through the API: filing (owner only, registered applications), lists, decisions."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import chain_is_intact
from registry.models import Complaint, Result
from registry.results.document import ResultDocument
from registry.statedb.postgres import PostgresStateDatabase
from registry.workflow.engine import pending_result
from testkit.pki.config import LEGAL_BIN
from testkit.pki.server import BuiltPki
from tests.complaints.conftest import (
    OFFICER,
    complain,
    decide_complaint_of,
    received,
    registered,
)
from tests.conftest import PartnerKey
from tests.workflow.conftest import Flow, register_now, submit
from tests.workflow.helpers import Client, application_of, events_of, result_of
from tests.workflow.people import iin

KZ = timezone(timedelta(hours=5))
BODY = {
    "level": "provider",
    "text": "Кепілдік міндеттемесі ескерілмеген / Гарантийное обязательство не учтено",
    "request": "Өтінішті қайта қарау / Пересмотреть заявление",
    "attachments": ["attachment:guarantee.pdf"],
}


def _complaints(application_id: uuid.UUID) -> str:
    return f"/v1/applications/{application_id}/complaints"


async def test_a_partner_files_a_complaint_on_its_registered_application(
    client: Client,
    pki: BuiltPki,
    make_partner: Any,
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
) -> None:
    partner: PartnerKey = await make_partner()
    application_id = await submit(client, partner, pki, "pm-special-registration", bin=LEGAL_BIN)
    early = await client.post(_complaints(application_id), json=BODY, headers=partner.headers)
    assert early.status_code == 409 and early.json()["code"] == "application_not_registered"
    # RFC 9457: ``status`` stays the HTTP status; the application's is a member of its own.
    assert early.json()["status"] == 409 and early.json()["application_status"] == "received"

    assert await register_now(sessions, statedb, application_id) == "assignment"
    before = await client.get(f"/v1/applications/{application_id}", headers=partner.headers)
    assert before.status_code == 200  # now cached

    filed = await client.post(_complaints(application_id), json=BODY, headers=partner.headers)
    assert filed.status_code == 201, filed.text
    view = filed.json()
    assert (view["status"], view["level"], view["term"]) == ("open", "provider", "5 working-days")
    assert view["settle_term"] == "3 working-days" and view["can_settle"] is True
    assert view["attachments"] == BODY["attachments"]
    assert view["application_number"] is not None and view["number"].startswith("ШҚ-")
    assert datetime.fromisoformat(view["settle_due_at"]) < datetime.fromisoformat(view["due_at"])

    listed = await client.get(_complaints(application_id), headers=partner.headers)
    assert listed.status_code == 200 and [c["id"] for c in listed.json()] == [view["id"]]
    # The event went on the application's chain and the status cache entry went with it.
    status = await client.get(f"/v1/applications/{application_id}", headers=partner.headers)
    assert status.json()["last_events"][-1]["kind"] == "complaint_filed"
    assert status.headers["etag"] != before.headers["etag"]
    events = await events_of(sessions, application_id)
    assert chain_is_intact(events)
    filed_event = [e for e in events if e.kind == "complaint_filed"]
    assert len(filed_event) == 1 and filed_event[0].data["complaint_id"] == view["id"]
    assert filed_event[0].actor == f"partner:{partner.id}"
    application = await application_of(sessions, application_id)
    assert application.status == "assignment"  # untouched


async def test_other_partners_scopes_and_bad_bodies_are_refused(
    client: Client,
    make_partner: Any,
    sessions: async_sessionmaker[AsyncSession],
    statedb: PostgresStateDatabase,
) -> None:
    owner: PartnerKey = await make_partner()
    stranger: PartnerKey = await make_partner(name="Another portal")
    reader: PartnerKey = await make_partner(name="Read-only", scopes=("read",))
    application_id = await registered(sessions, statedb, owner, datetime.now(UTC))
    path = _complaints(application_id)

    for response in (
        await client.post(path, json=BODY, headers=stranger.headers),
        await client.get(path, headers=stranger.headers),
        await client.post(_complaints(uuid.uuid4()), json=BODY, headers=owner.headers),
    ):
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    forbidden = await client.post(path, json=BODY, headers=reader.headers)
    assert forbidden.status_code == 403
    bad_level = await client.post(path, json={**BODY, "level": "court"}, headers=owner.headers)
    assert bad_level.status_code == 400
    empty = await client.post(path, json={**BODY, "text": ""}, headers=owner.headers)
    assert empty.status_code == 400
    assert (await client.get(path, headers=owner.headers)).json() == []

    unregistered = await received(sessions, owner, datetime.now(UTC))
    refused = await client.post(_complaints(unregistered), json=BODY, headers=owner.headers)
    assert refused.status_code == 409 and refused.json()["code"] == "application_not_registered"


async def test_heads_settle_within_the_term_and_the_decision_becomes_a_result(
    flow: Flow,
) -> None:
    partner: PartnerKey = await flow.make_partner()
    head, executor = await flow.make_officer("head"), await flow.make_officer("executor")
    application_id = await registered(flow.sessions, flow.statedb, partner, datetime.now(UTC))
    filed = await flow.client.post(_complaints(application_id), json=BODY, headers=partner.headers)
    complaint_id = filed.json()["id"]

    assert (await flow.client.get(OFFICER, headers=executor.headers)).status_code == 403
    listed = await flow.client.get(OFFICER, headers=head.headers, params={"limit": 200})
    assert listed.status_code == 200
    dues = [datetime.fromisoformat(item["due_at"]) for item in listed.json()]
    assert dues == sorted(dues)  # most urgent first
    assert all(item["status"] == "open" for item in listed.json())

    by_executor = await decide_complaint_of(flow.client, executor, complaint_id, "settle")
    assert by_executor.status_code == 403
    settled = await decide_complaint_of(
        flow.client, head, complaint_id, "settle", text="Талап қанағаттандырылды"
    )
    assert settled.status_code == 200, settled.text
    assert settled.json()["status"] == "settled"
    again = await decide_complaint_of(flow.client, head, complaint_id, "reject", text="late")
    assert again.status_code == 409 and again.json()["code"] == "complaint_already_decided"
    assert again.json()["status"] == 409 and again.json()["complaint_status"] == "settled"
    missing = await decide_complaint_of(flow.client, head, uuid.uuid4(), "settle")
    assert missing.status_code == 404 and missing.json()["code"] == "complaint_not_found"

    result_id = uuid.UUID(settled.json()["result_id"])
    async with flow.sessions() as session:
        result = await session.get(Result, result_id)
        assert result is not None
        assert (result.kind, result.outcome, result.status) == (
            "complaint_decision", "approved", "awaiting_signature",
        )  # fmt: skip
        assert result.prepared_by == head.id and result.prepared_by_iin == head.iin
        assert result.signer_iin is None  # nothing pretends to be signed
        # The application's own flow does not see the complaint decision as its result.
        assert await pending_result(session, application_id) is None
    document = msgspec.convert(result.document, ResultDocument)
    assert document.kind == "complaint_decision" and document.number.startswith("Ш-")
    keys = [field.key for field in document.fields]
    assert keys[0] == "complaint" and keys[-1] == "decision" and "request" in keys
    decision = document.fields[-1].value
    assert not isinstance(decision, str) and "settled" in decision.en
    assert document.explanation == "Талап қанағаттандырылды"
    assert document.application_number is not None

    events = await events_of(flow.sessions, application_id)
    decided = [e for e in events if e.kind == "complaint_decided"]
    assert len(decided) == 1 and decided[0].data["decision"] == "settled"
    assert decided[0].actor == f"officer:{head.id}"
    listed_after = await flow.client.get(OFFICER, headers=head.headers, params={"limit": 200})
    assert complaint_id not in {item["id"] for item in listed_after.json()}


async def test_after_the_settle_term_only_uphold_or_reject_and_rejections_need_reasons(
    flow: Flow,
) -> None:
    partner: PartnerKey = await flow.make_partner()
    head, unit_head = await flow.make_officer("head"), await flow.make_officer("unit_head")
    arrived = datetime(2026, 1, 12, 10, 0, tzinfo=KZ)  # a Monday, long past its terms
    first = await registered(flow.sessions, flow.statedb, partner, arrived)
    second = await registered(flow.sessions, flow.statedb, partner, arrived)
    old = await complain(flow.sessions, partner, first, arrived)
    other = await complain(flow.sessions, partner, second, arrived, level="authority")
    assert old.settle_due_at == datetime(2026, 1, 15, 18, 30, tzinfo=KZ)

    late = await decide_complaint_of(flow.client, head, old.id, "settle")
    assert late.status_code == 409 and late.json()["code"] == "complaint_settle_term_expired"
    bare = await decide_complaint_of(flow.client, head, old.id, "reject")
    assert bare.status_code == 422 and bare.json()["code"] == "invalid_decision"
    rejected = await decide_complaint_of(
        flow.client, unit_head, old.id, "reject", text="Шешім заңды / Решение законно"
    )
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["status"] == "rejected"
    # Addressed to the authorised body: the provider's head does not see it, its officer decides.
    hidden = await decide_complaint_of(
        flow.client, head, other.id, "uphold", text="Кепілдік ескерілмеген"
    )
    assert hidden.status_code == 404 and hidden.json()["code"] == "complaint_not_found"
    authority = await flow.make_officer("authority", iin("74121240007"))
    upheld = await decide_complaint_of(
        flow.client, authority, other.id, "uphold", text="Кепілдік ескерілмеген"
    )
    assert upheld.status_code == 200 and upheld.json()["status"] == "upheld"

    refused = await result_of(flow.sessions, rejected.json()["result_id"])
    assert refused.outcome == "refused"
    async with flow.sessions() as session:
        stored = await session.get(Complaint, other.id)
    assert stored is not None and stored.decided_by == authority.id
    application = await application_of(flow.sessions, second)
    # Upholding records that the decision is to be taken again; the status machine stays.
    assert application.status == "assignment"
    decided = [e for e in await events_of(flow.sessions, second) if e.kind == "complaint_decided"]
    assert len(decided) == 1
    assert decided[0].data["decision"] == "upheld"
    assert decided[0].data["decision_to_be_retaken"] is True
    assert decided[0].data["late"] is True  # decided after its 15 working days
    assert chain_is_intact(await events_of(flow.sessions, second))
