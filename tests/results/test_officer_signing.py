"""The signer signs with their own key (QAQPA_OFFICER_SIGNING=eds), and approvals refused up
front with server-held keys (hsm) -- through the API, with the test PKI, as NCALayer would.

S3 goes to its signer step through the real API. The test then does what the console's
NCALayer does: a CMS, detached, over the digest the session gives (``sign_cms_digest``) and
an enveloped XMLDSig over the session's XML (``sign_xml``), each with the officer's test key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest
from asn1crypto import x509
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from gateway.app import create_app
from registry.applications.partner_events import SIGNING_DELAYED
from registry.domains import get_service
from registry.issuing.failures import PermanentSigningError, record_failure
from registry.models import Application, Event, Result
from registry.resources import Resources
from registry.settings import Settings
from testkit.keystore import local_keystore_config
from testkit.pki.config import (
    LEAF_KEYS,
    LEGAL_EMPLOYEE_IIN,
    PROVIDER_HEAD_IIN,
    PROVIDER_REVOKED_IIN,
)
from testkit.pki.keys import load_private_key
from testkit.pki.server import BuiltPki
from testkit.pki.sign import sign_cms_digest, sign_xml
from tests.complaints.conftest import decide_complaint_of, decided_complaint
from tests.results.conftest import SIGNER_NAME, drive_to_signing, to_signer_step
from tests.results.helpers import write
from tests.signing.issue.test_issue_independent import pyhanko_validate
from tests.workflow.conftest import Flow
from tests.workflow.helpers import application_of, result_of
from workers.jobs.signing import sign_result

Client = AsyncTestClient[Litestar]
# A valid IIN with no key in the key store. Not the individual's: the console's login tests
# expect that person to have no officer account, whatever order the tests run in.
KEYLESS_IIN = LEGAL_EMPLOYEE_IIN


@pytest.fixture(scope="module")
async def eds_client(settings: Settings) -> AsyncIterator[Client]:
    """The gateway of a deployment where officers sign with their own keys."""
    app = create_app(msgspec.structs.replace(settings, officer_signing="eds"))
    async with AsyncTestClient(app=app) as client:
        yield client


@pytest.fixture(scope="module")
async def hsm_client(settings: Settings, pki: BuiltPki) -> AsyncIterator[Client]:
    """The gateway of a "cloud signature" deployment: it knows the workers' key store."""
    keystore = json.dumps(msgspec.to_builtins(local_keystore_config(pki.directory, None)))
    app = create_app(msgspec.structs.replace(settings, officer_signing="hsm", keystore=keystore))
    async with AsyncTestClient(app=app) as client:
        yield client


def _cert(pki: BuiltPki, label: str) -> x509.Certificate:
    return x509.Certificate.load(pki.cert_der(label))


def ncalayer_signatures(pki: BuiltPki, label: str, opened: dict[str, Any]) -> dict[str, str]:
    """What NCALayer returns for the session, signed with the ``label`` certificate's key."""
    key = load_private_key(pki.directory, LEAF_KEYS[label])
    digest = base64.b64decode(opened["pdf"]["digest"])
    cms = sign_cms_digest(digest, _cert(pki, label), key, extra_certs=[_cert(pki, "nca")])
    xml = sign_xml(opened["xml"]["document"].encode(), pki.cert_path(label).read_bytes(), key)
    return {"pdf_cms": base64.b64encode(cms).decode(), "xml": xml.decode()}


async def _open(client: Client, headers: dict[str, str], result_id: uuid.UUID) -> dict[str, Any]:
    response = await client.post(
        f"/v1/officer/results/{result_id}/signing-sessions", headers=headers
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_the_signer_signs_with_their_own_key_and_the_result_is_issued(
    flow: Flow, eds_client: Client, job_ctx: dict[str, Any], tmp_path: Path
) -> None:
    partner = await flow.make_partner()
    application_id, result_id = await to_signer_step(flow, partner, eds_client)
    signer = await flow.make_officer("signer", iin=PROVIDER_HEAD_IIN, name=SIGNER_NAME)
    revoked = await flow.make_officer("signer", iin=PROVIDER_REVOKED_IIN, name="Кері Қайтарылған")

    # The approval alone is refused: in this deployment signing is the approval.
    task = await eds_client.get("/v1/officer/tasks", headers=signer.headers, params={"limit": 200})
    [task_id] = [t["id"] for t in task.json() if t["application_id"] == str(application_id)]
    refused = await eds_client.post(
        f"/v1/officer/tasks/{task_id}/decisions", json={"action": "approve"}, headers=signer.headers
    )
    assert refused.status_code == 409 and refused.json()["code"] == "eds_signature_required"

    # A signer whose certificate is revoked: 409, nothing moves.
    opened = await _open(eds_client, revoked.headers, result_id)
    answer = await eds_client.post(
        f"/v1/officer/signing-sessions/{opened['id']}",
        json=ncalayer_signatures(flow.pki, "provider-revoked", opened),
        headers=revoked.headers,
    )
    assert answer.status_code == 409 and answer.json()["code"] == "signer_certificate_revoked"

    opened = await _open(eds_client, signer.headers, result_id)
    assert opened["pdf"]["digest_algorithm"] == "sha256"
    assert len(base64.b64decode(opened["pdf"]["digest"])) == 32
    assert SIGNER_NAME in opened["xml"]["document"]
    # Another officer cannot use the session.
    stolen = await eds_client.post(
        f"/v1/officer/signing-sessions/{opened['id']}",
        json=ncalayer_signatures(flow.pki, "provider-revoked", opened),
        headers=revoked.headers,
    )
    assert stolen.status_code == 404 and stolen.json()["code"] == "signing_session_not_found"
    # Another officer's certificate (the executor's key): 409, the session stays open.
    wrong = await eds_client.post(
        f"/v1/officer/signing-sessions/{opened['id']}",
        json=ncalayer_signatures(flow.pki, "provider-executor", opened),
        headers=signer.headers,
    )
    assert wrong.status_code == 409 and wrong.json()["code"] == "signer_certificate_mismatch"
    async with flow.sessions() as session:
        application = await session.get(Application, application_id)
        assert application is not None and application.status == "signature"

    signed = await eds_client.post(
        f"/v1/officer/signing-sessions/{opened['id']}",
        json=ncalayer_signatures(flow.pki, "provider-head", opened),
        headers=signer.headers,
    )
    assert signed.status_code == 202, signed.text
    assert signed.json()["status"] == "signed"
    result = await result_of(flow.sessions, result_id)  # asserts it exists
    application = await application_of(flow.sessions, application_id)  # likewise
    assert result.status == "signed"
    assert result.signer_iin == PROVIDER_HEAD_IIN
    assert application.status not in ("signature", "signing")
    # The approval's sign_result job finds nothing left to sign with a server key.
    assert await sign_result(job_ctx, str(result_id)) == "nothing_to_sign"
    # Used up: the session is gone.
    again = await eds_client.post(
        f"/v1/officer/signing-sessions/{opened['id']}",
        json=ncalayer_signatures(flow.pki, "provider-head", opened),
        headers=signer.headers,
    )
    assert again.status_code == 404

    feed = await flow.client.get(
        f"/v1/applications/{application_id}/events", headers=partner.headers
    )
    assert "result_signed" in feed.text and PROVIDER_HEAD_IIN not in feed.text

    # The partner downloads the issued PDF; pyHanko's CLI validates it, signed by the officer.
    base = f"/v1/applications/{application_id}/documents"
    listing = (await flow.client.get(base, headers=partner.headers)).json()
    files = {}
    for entry in listing:
        download = await flow.client.get(f"{base}/{entry['id']}", headers=partner.headers)
        files[entry["kind"]] = download.content
    checked = pyhanko_validate(
        write(tmp_path, "issued.pdf", files["pdf"]), flow.pki.trust_dir / "root.pem"
    )
    assert checked.returncode == 0 and ":INTACT:TRUSTED" in checked.stdout, checked.stdout
    # pyHanko names the signer by its certificate's SHA-256: the officer's own certificate.
    officer_cert = hashlib.sha256(flow.pki.cert_der("provider-head")).hexdigest()
    assert f"Signature1:{officer_cert}:" in checked.stdout, checked.stdout
    for kind, content in files.items():
        report = await flow.client.post(
            "/v1/verify",
            content=content,
            headers={"Content-Type": "application/pdf" if kind == "pdf" else "application/xml"},
        )
        body = report.json()
        assert body["valid"] is True, report.text
        assert body["signatures"][0]["signer"]["iin"] == PROVIDER_HEAD_IIN, body
        assert body["signatures"][0]["level"] in ("B-T", "B-LT"), body


async def test_with_server_keys_an_approval_that_cannot_be_signed_is_refused_up_front(
    flow: Flow, hsm_client: Client
) -> None:
    application_id, _ = await to_signer_step(flow, await flow.make_partner(), hsm_client)
    keyless = await flow.make_officer("signer", iin=KEYLESS_IIN, name="Кілтсіз Қол Қоюшы")
    revoked = await flow.make_officer("signer", iin=PROVIDER_REVOKED_IIN, name="Кері Қайтарылған")
    tasks = await hsm_client.get(
        "/v1/officer/tasks", headers=keyless.headers, params={"limit": 200}
    )
    [task_id] = [t["id"] for t in tasks.json() if t["application_id"] == str(application_id)]
    for officer, code in ((keyless, "signer_key_missing"), (revoked, "signer_certificate_revoked")):
        answer = await hsm_client.post(
            f"/v1/officer/tasks/{task_id}/decisions",
            json={"action": "approve"},
            headers=officer.headers,
        )
        assert answer.status_code == 409, answer.text
        assert answer.json()["code"] == code
        assert KEYLESS_IIN not in answer.text and "QAQPA_" not in answer.text
    async with flow.sessions() as session:
        application = await session.get(Application, application_id)
    assert application is not None and application.status == "signature"
    # Signing sessions belong to the other kind of deployment.
    refused = await hsm_client.post(
        f"/v1/officer/results/{uuid.uuid4()}/signing-sessions", headers=keyless.headers
    )
    assert refused.status_code == 409 and refused.json()["code"] == "officer_signing_disabled"


async def test_partners_see_codes_and_applicant_texts_not_officers_or_settings(
    flow: Flow, resources: Resources
) -> None:
    """The worker's failure as it records it today (its detail is for operators) reaches the
    partner's feed and status document as a code and a text for the applicant."""
    partner = await flow.make_partner()
    signing = await drive_to_signing(flow, partner)
    leaky = PermanentSigningError(
        f"no signing key for officer {PROVIDER_HEAD_IIN} in QAQPA_KEYSTORE",
        reason="signer_key_missing",
    )
    recorded = await record_failure(
        resources.sessions, resources.redis, signing.result_id, leaky, datetime.now(UTC)
    )
    assert recorded == "recorded"
    feed = await flow.client.get(
        f"/v1/applications/{signing.application_id}/events", headers=partner.headers
    )
    status = await flow.client.get(
        f"/v1/applications/{signing.application_id}", headers=partner.headers
    )
    for response in (feed, status):
        assert response.status_code == 200, response.text
        assert PROVIDER_HEAD_IIN not in response.text
        assert "QAQPA_" not in response.text and "officer" not in response.text.lower()
    [failed] = [e for e in feed.json() if e["kind"] == "signing_failed"]
    assert failed["data"]["reason"] == "signer_key_missing"
    assert failed["data"]["detail"] == SIGNING_DELAYED["en"]
    assert set(failed["data"]["texts"]) == {"kk", "ru", "en"}
    # The record itself keeps the operator's detail (qaqpa results retry-signing, the log).
    async with flow.sessions() as session:
        stored = await session.scalar(
            select(Event).where(
                Event.application_id == signing.application_id, Event.kind == "signing_failed"
            )
        )
    assert stored is not None and PROVIDER_HEAD_IIN in stored.data["detail"]


async def test_the_signer_returns_a_result_for_rework_with_a_reason(flow: Flow) -> None:
    """Signing or returning: the return needs a reason, cancels the result and reopens the
    executor's task; S8 and the declarant's certificate have the action too."""
    application_id, result_id = await to_signer_step(flow, await flow.make_partner())
    signer = await flow.make_officer("signer", iin=PROVIDER_HEAD_IIN, name=SIGNER_NAME)
    tasks = await flow.client.get(
        "/v1/officer/tasks", headers=signer.headers, params={"limit": 200}
    )
    [task] = [t for t in tasks.json() if t["application_id"] == str(application_id)]
    assert "return" in task["actions"]
    url = f"/v1/officer/tasks/{task['id']}/decisions"
    silent = await flow.client.post(url, json={"action": "return"}, headers=signer.headers)
    assert silent.status_code == 422 and silent.json()["code"] == "invalid_decision"
    returned = await flow.client.post(
        url, json={"action": "return", "text": "Мерзімі қате көрсетілген"}, headers=signer.headers
    )
    assert returned.status_code == 200, returned.text
    assert returned.json()["status"] == "review"
    result = await result_of(flow.sessions, result_id)  # asserts it exists
    application = await application_of(flow.sessions, application_id)  # likewise
    assert result.status == "cancelled"
    assert application.executor_id is not None
    reopened = await flow.client.get(
        "/v1/officer/tasks", headers=signer.headers, params={"limit": 200}
    )  # the signer's task is gone; the executor's is open again, assigned to them
    assert str(application_id) not in reopened.text
    for service in ("reexport-permit", "declarant-certificate"):
        definition = get_service(service)
        assert definition is not None
        assert any(
            t.action == "return" and t.source == "signature" and t.effect == "result_cancelled"
            for t in definition.transitions
        ), service


async def test_with_server_keys_a_complaint_decision_signer_without_a_key_is_refused_up_front(
    flow: Flow, hsm_client: Client
) -> None:
    head = await flow.make_officer("head")
    decided = await decided_complaint(
        hsm_client, flow.sessions, flow.statedb, await flow.make_partner(), head
    )
    keyless = await flow.make_officer("signer", iin=KEYLESS_IIN, name="Кілтсіз Қол Қоюшы")
    answer = await hsm_client.post(
        f"/v1/officer/complaints/{decided.complaint.id}/signature", headers=keyless.headers
    )
    assert answer.status_code == 409, answer.text
    assert answer.json()["code"] == "signer_key_missing"
    assert KEYLESS_IIN not in answer.text and "QAQPA_" not in answer.text
    async with flow.sessions() as session:
        result = await session.get(Result, decided.result_id)
    assert result is not None and result.signer_id is None  # nothing was approved


async def test_a_complaint_decision_is_signed_with_the_signers_own_key(
    flow: Flow, eds_client: Client, job_ctx: dict[str, Any]
) -> None:
    """With officers' own keys a complaint's decision is signed in a signing session, which
    is also the signer's approval (as a flow's signer step); the bare approval is refused."""
    head = await flow.make_officer("head")
    decided = await decided_complaint(
        eds_client, flow.sessions, flow.statedb, await flow.make_partner(), head
    )
    result_id = decided.result_id
    signer = await flow.make_officer("signer", iin=PROVIDER_HEAD_IIN, name=SIGNER_NAME)

    approval = await eds_client.post(
        f"/v1/officer/complaints/{decided.complaint.id}/signature", headers=signer.headers
    )
    assert approval.status_code == 409 and approval.json()["code"] == "eds_signature_required"
    # The head who decided is no signer of it.
    refused = await eds_client.post(
        f"/v1/officer/results/{result_id}/signing-sessions", headers=head.headers
    )
    assert refused.status_code == 409 and refused.json()["code"] == "result_not_signable"

    opened = await _open(eds_client, signer.headers, result_id)
    assert SIGNER_NAME in opened["xml"]["document"]
    signed = await eds_client.post(
        f"/v1/officer/signing-sessions/{opened['id']}",
        json=ncalayer_signatures(flow.pki, "provider-head", opened),
        headers=signer.headers,
    )
    assert signed.status_code == 202, signed.text
    async with flow.sessions() as session:
        result = await session.get(Result, result_id)
        kinds = set(
            await session.scalars(
                select(Event.kind).where(Event.application_id == result.application_id)
            )
        ) if result is not None else set()  # fmt: skip
    assert result is not None and result.status == "signed"
    assert result.signer_iin == PROVIDER_HEAD_IIN and result.signer_id == signer.id
    assert {"complaint_decision_approved", "result_signed"} <= kinds
    assert await sign_result(job_ctx, str(result_id)) == "nothing_to_sign"


async def test_whoever_may_sign_a_result_may_return_it_with_a_reason(
    flow: Flow, eds_client: Client
) -> None:
    """POST /v1/officer/results/{id}/return: a complaint's decision goes back to the heads
    (the complaint opens again), a flow's result to its executor; the reason stays internal."""
    partner = await flow.make_partner()
    head = await flow.make_officer("head")
    decided = await decided_complaint(eds_client, flow.sessions, flow.statedb, partner, head)
    result_id, complaint = decided.result_id, decided.complaint
    signer = await flow.make_officer("signer", iin=PROVIDER_HEAD_IIN, name=SIGNER_NAME)
    url = f"/v1/officer/results/{result_id}/return"

    blank = await eds_client.post(url, json={"reason": "  "}, headers=signer.headers)
    assert blank.status_code == 422 and blank.json()["code"] == "invalid_decision"
    by_head = await eds_client.post(url, json={"reason": "Жоқ"}, headers=head.headers)
    assert by_head.status_code == 409 and by_head.json()["code"] == "result_not_signable"
    reason = "Дәлелдер толық емес"
    returned = await eds_client.post(url, json={"reason": reason}, headers=signer.headers)
    assert returned.status_code == 200, returned.text
    assert returned.json()["status"] == "cancelled"
    assert returned.json()["reopened"] == "complaint"
    again = await eds_client.post(url, json={"reason": reason}, headers=signer.headers)
    assert again.status_code == 409  # cancelled: nothing left to return
    # The complaint is open again: the head decides anew.
    redecided = await decide_complaint_of(
        eds_client, head, complaint.id, "reject", text="Негізсіз, дәлелдермен"
    )
    assert redecided.status_code == 200, redecided.text
    assert redecided.json()["result_id"] != str(result_id)
    feed = await flow.client.get(
        f"/v1/applications/{complaint.application_id}/events", headers=partner.headers
    )
    assert "complaint_decision_returned" in feed.text and reason not in feed.text

    # A flow's result at its signer step: the executor's step reopens, as the task's return.
    flow_id, flow_result = await to_signer_step(flow, await flow.make_partner())
    back = await flow.client.post(
        f"/v1/officer/results/{flow_result}/return",
        json={"reason": "Мерзімі қате"},
        headers=signer.headers,
    )
    assert back.status_code == 200, back.text
    assert back.json()["reopened"] == "review"
    async with flow.sessions() as session:
        result = await session.get(Result, flow_result)
    assert result is not None and result.status == "cancelled"
    assert (
        await flow.client.get(f"/v1/officer/applications/{flow_id}", headers=signer.headers)
    ).json()["status"] == "review"
