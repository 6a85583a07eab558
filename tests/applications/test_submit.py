"""POST /v1/applications end to end: real signatures from the local test PKI, real CRL/OCSP
over loopback, real PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import base64
import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select

from registry.models import Application, Attachment, OutboxMessage, StatusToken
from tests.applications.signed import (
    HEAD_IIN,
    INDIVIDUAL_IIN,
    LEGAL_BIN,
    attached,
    detached,
    document_for,
    xml_signed,
)
from tests.applications.stored import applications_of
from tests.conftest import PartnerKey
from tests.workflow.conftest import Flow

Client = AsyncTestClient[Litestar]
MakePartner = Callable[..., Awaitable[PartnerKey]]
URL = "/v1/applications"


async def _post(client: Client, partner: PartnerKey, body: dict[str, Any], **headers: str) -> Any:
    return await client.post(URL, json=body, headers={**partner.headers, **headers})


@pytest.mark.parametrize("shape", [detached, attached, xml_signed])
async def test_a_signed_application_is_accepted_in_each_shape(
    flow: Flow, shape: Callable[..., dict[str, str]]
) -> None:
    partner = await flow.make_partner()
    response = await _post(flow.client, partner, shape(flow.pki, "individual-sign", document_for()))
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["service"] == "declarant-certificate"
    assert body["status"] == "received"
    assert response.headers["location"] == body["status_url"] == f"{URL}/{body['id']}"
    assert body["registration_due_at"] > body["received_at"]
    assert body["received_at"].endswith("Z") and body["registration_due_at"].endswith("Z")
    status = await flow.client.get(body["status_url"], headers=partner.headers)
    assert status.json()["applicant"]["iin"] == INDIVIDUAL_IIN
    async with flow.sessions() as session:
        stored = await session.get(Application, body["id"])
        assert stored is not None
        assert stored.signer["iin"] == INDIVIDUAL_IIN
        attachments = await session.scalar(
            select(func.count())
            .select_from(Attachment)
            .where(Attachment.application_id == stored.id)
        )
        outbox = await session.scalar(
            select(func.count()).select_from(OutboxMessage)
            .where(OutboxMessage.payload["application_id"].astext == body["id"])
        )  # fmt: skip
    assert attachments == len(json.loads(document_for())["attachments"])
    assert outbox == 1


async def test_new_rows_get_time_ordered_ids(flow: Flow) -> None:
    """The application, its outbox row and its status token row get version 7 ids, so their
    indexes grow at one end (registry/ids.py)."""
    partner = await flow.make_partner()
    ids = []
    for _ in range(2):
        body = detached(flow.pki, "individual-sign", document_for())
        response = await _post(flow.client, partner, body)
        assert response.status_code == 202, response.text
        ids.append(uuid.UUID(response.json()["id"]))
    assert [made.version for made in ids] == [7, 7]
    assert ids[0].int >> 80 <= ids[1].int >> 80  # made in this order (milliseconds first)
    async with flow.sessions() as session:
        outbox_id = await session.scalar(
            select(OutboxMessage.id)
            .where(OutboxMessage.payload["application_id"].astext == str(ids[0]))
        )  # fmt: skip
        token_id = await session.scalar(
            select(StatusToken.id).where(StatusToken.application_id == ids[0])
        )
    assert outbox_id is not None and outbox_id.version == 7
    assert token_id is not None and token_id.version == 7


async def test_a_legal_entity_applies_with_its_bin(flow: Flow) -> None:
    partner = await flow.make_partner()
    document = document_for("customs-release", bin=LEGAL_BIN)
    response = await _post(flow.client, partner, detached(flow.pki, "legal-sign", document))
    assert response.status_code == 202, response.text


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("expired", "expired"),
        ("not-yet-valid", "not_yet_valid"),
        ("revoked-crl", "revoked"),
        ("revoked-ocsp", "revoked"),
        ("revoked-ca-leaf", "revoked"),
        ("unknown-leaf", "untrusted"),
        ("forged-leaf", "untrusted"),
        ("unreachable", "revocation_unknown"),
        ("individual-auth", "wrong_key_usage"),
        ("weak-hash", "weak_algorithm"),
        ("weak-key", "weak_algorithm"),
    ],
)
async def test_certificate_problems_refuse_the_application(
    flow: Flow, label: str, code: str
) -> None:
    partner = await flow.make_partner()
    response = await _post(flow.client, partner, detached(flow.pki, label, document_for()))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code


async def test_a_weak_digest_is_refused(flow: Flow) -> None:
    partner = await flow.make_partner()
    body = detached(flow.pki, "individual-sign", document_for(), digest="sha1")
    response = await _post(flow.client, partner, body)
    assert response.json()["code"] == "weak_algorithm"


async def test_a_changed_document_breaks_the_signature(flow: Flow) -> None:
    partner = await flow.make_partner()
    body = detached(flow.pki, "individual-sign", document_for())
    other = json.loads(document_for())
    other["applicant"]["name"] = "Someone Else"
    body["document"] = base64.b64encode(json.dumps(other).encode()).decode()
    response = await _post(flow.client, partner, body)
    assert response.status_code == 422
    assert response.json()["code"] == "signature_invalid"


async def test_garbage_signature_is_malformed(client: Client, make_partner: MakePartner) -> None:
    partner = await make_partner()
    body = {
        "document": base64.b64encode(document_for()).decode(),
        "signature": base64.b64encode(b"\x30\x03\x02\x01\x01").decode(),
    }
    response = await _post(client, partner, body)
    assert response.status_code == 400
    assert response.json()["code"] == "malformed"


@pytest.mark.parametrize(
    ("label", "applicant", "code"),
    [
        ("individual-sign", {"iin": HEAD_IIN}, "iin_mismatch"),
        ("legal-sign", {"bin": "990740000683"}, "bin_mismatch"),
        ("individual-sign", {"iin": "871008401428"}, "invalid_iin"),
        ("legal-sign", {"bin": "940140000386"}, "invalid_bin"),
        ("legal-sign", {"iin": HEAD_IIN}, "applicant_mismatch"),
    ],
)
async def test_the_applicant_must_be_the_signer(
    flow: Flow, label: str, applicant: dict[str, str], code: str
) -> None:
    partner = await flow.make_partner()
    service = "customs-release" if "bin" in applicant else "declarant-certificate"
    response = await _post(
        flow.client, partner, detached(flow.pki, label, document_for(service, **applicant))
    )
    assert response.status_code == 422, response.text
    assert response.json()["code"] == code


async def test_form_errors_point_at_the_field(flow: Flow) -> None:
    partner = await flow.make_partner()
    document = json.loads(document_for("customs-release", bin=LEGAL_BIN))
    document["form"]["goods"][0]["hs_code"] = "84713"
    body = detached(flow.pki, "legal-sign", json.dumps(document).encode())
    response = await _post(flow.client, partner, body)
    assert response.status_code == 400
    problem = response.json()
    assert problem["code"] == "validation_error"
    assert any(e["pointer"] == "/form/goods/0/hs_code" for e in problem["errors"])


@pytest.mark.parametrize("language", ["en", "kk"])
async def test_a_tampered_document_is_judged_by_its_signature_first(
    flow: Flow, language: str
) -> None:
    """Changed after signing so that a form rule breaks too: the signature is judged before
    anything inside the document is trusted or reported (issue 20)."""
    partner = await flow.make_partner()
    signed = detached(flow.pki, "legal-sign", document_for("customs-release", bin=LEGAL_BIN))
    document = json.loads(base64.b64decode(signed["document"]))
    document["form"]["goods"][0]["hs_code"] = "84713"
    signed["document"] = base64.b64encode(json.dumps(document).encode()).decode()
    response = await _post(flow.client, partner, signed, **{"Accept-Language": language})
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "signature_invalid"
    assert "errors" not in response.json(), "nothing inside the document is reported"


async def test_unknown_service_detail_is_no_repr(flow: Flow) -> None:
    partner = await flow.make_partner()
    document = json.loads(document_for())
    document["service"] = "passport-renewal"
    body = detached(flow.pki, "individual-sign", json.dumps(document).encode())
    english = await _post(flow.client, partner, body)
    russian = await _post(flow.client, partner, body, **{"Accept-Language": "ru"})
    assert english.json()["detail"] == (
        "unknown service 'passport-renewal'; GET /v1/services lists the codes"
    )
    assert "[{" not in english.json()["detail"]
    assert russian.json()["errors"][0]["message"] == "неизвестная услуга «passport-renewal»"
    assert "GET /v1/services" in russian.json()["detail"]


async def test_unknown_service(flow: Flow) -> None:
    partner = await flow.make_partner()
    document = json.loads(document_for())
    document["service"] = "passport-renewal"
    response = await _post(
        flow.client, partner, detached(flow.pki, "individual-sign", json.dumps(document).encode())
    )
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_service"


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"document": "e30="}, "/signature"),
        ({"cms": "e30=", "xml": "<a/>"}, ""),
        ({"document": "not base64!", "signature": "e30="}, "/document"),
        ({}, ""),
    ],
)
async def test_badly_shaped_bodies(
    client: Client, make_partner: MakePartner, body: dict[str, str], pointer: str
) -> None:
    partner = await make_partner()
    response = await _post(client, partner, body)
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert response.json()["errors"][0]["pointer"] == pointer


async def test_unknown_members_and_wrong_types_are_validation_errors(
    client: Client, make_partner: MakePartner
) -> None:
    partner = await make_partner()
    for body in ({"documentt": "e30="}, {"cms": 5}):
        response = await _post(client, partner, body)
        assert response.status_code == 400
        assert response.json()["code"] == "validation_error"


async def test_media_type_size_and_authorisation(client: Client, make_partner: MakePartner) -> None:
    partner = await make_partner()
    reader = await make_partner(scopes=("read",))
    text = await client.post(
        URL, content=b"hello", headers={**partner.headers, "Content-Type": "text/plain"}
    )
    assert (text.status_code, text.json()["code"]) == (415, "unsupported_media_type")
    huge = {"cms": "A" * 11_000_000}
    too_large = await _post(client, partner, huge)
    assert (too_large.status_code, too_large.json()["code"]) == (413, "payload_too_large")
    anonymous = await client.post(URL, json={})
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "unauthorized")
    read_only = await _post(client, reader, {})
    assert (read_only.status_code, read_only.json()["code"]) == (403, "forbidden")


async def test_idempotency_replays_and_conflicts(flow: Flow) -> None:
    partner = await flow.make_partner()
    body = detached(flow.pki, "individual-sign", document_for())
    first = await _post(flow.client, partner, body, **{"Idempotency-Key": "k-1"})
    again = await _post(flow.client, partner, body, **{"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 202
    # The status token is in the first answer only: the stored answer keeps no token.
    first_answer = first.json()
    assert first_answer.pop("status_token").startswith("qt_")
    assert again.json() == first_answer
    assert again.headers["idempotent-replayed"] == "true"
    other = detached(flow.pki, "individual-sign", document_for("pm-import-act", bin=LEGAL_BIN))
    conflict = await _post(flow.client, partner, other, **{"Idempotency-Key": "k-1"})
    assert (conflict.status_code, conflict.json()["code"]) == (422, "idempotency_conflict")
    # Without a key, the same body is the same request: a blind retry creates nothing new.
    blind = await _post(flow.client, partner, body)
    blind_again = await _post(flow.client, partner, body)
    assert blind.json()["id"] == blind_again.json()["id"]


async def test_fifty_concurrent_identical_posts_create_one_application(flow: Flow) -> None:
    partner = await flow.make_partner()
    body = detached(flow.pki, "individual-sign", document_for())
    responses = await asyncio.gather(
        *(_post(flow.client, partner, body, **{"Idempotency-Key": "storm"}) for _ in range(50))
    )
    assert {r.status_code for r in responses} == {202}
    assert len({r.json()["id"] for r in responses}) == 1
    assert await applications_of(flow.sessions, partner.id) == 1
