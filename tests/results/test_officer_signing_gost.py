"""The signer signs with an NCA GOST 2015-512 key (QAQPA_OFFICER_SIGNING=eds), through the API.

Most officers' NCA keys are GOST. NCALayer signing a precomputed digest hashes nothing itself,
so the session must answer a digest of the key's own algorithm (Streebog-512): the officer's
client names it by the certificate it will sign with. The test signs as NCALayer would with
NCA's real test key (the test kit's GOST signer): a detached CMS over the session's digest,
an enveloped XMLDSig over its XML. The deployment trusts NCA's GOST test root and reads NCA's
CRL from a preloaded file (no network), as ``tests/applications/test_gost_intake.py`` does;
it signs at B-T here (timestamps from the local test TSA); B-LT and B-LTA, with NCA's
revocation data embedded, are ``test_officer_signing_gost_lt.py``. The issued documents then
verify publicly (``POST /v1/verify``, the QR code's page) with the same preloaded CRL.
"""

from __future__ import annotations

import base64
import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import msgspec
import pytest
from asn1crypto import cms
from litestar import Litestar
from litestar.testing import AsyncTestClient

from gateway.app import create_app
from registry.officers.repository import create_officer
from registry.settings import Settings
from signing import Verifier
from signing.gost.hashes import digest as gost_digest
from tests.results.conftest import to_signer_step
from tests.signing.gost_helpers import CA, CRL, ROOT, TEST_IIN, certificate, signer
from tests.workflow.conftest import Flow
from tests.workflow.helpers import application_of, result_of
from tests.workflow.people import OfficerKey

Client = AsyncTestClient[Litestar]
VALID = "individual_valid_individual_valid"  # IIN 123456789011
REVOKED = "individual_revoked_individual_revoked"  # the same IIN, on NCA's CRL
STREEBOG = "1.2.398.3.10.1.3.3"


def _gost_settings(settings: Settings) -> Settings:
    return msgspec.structs.replace(
        settings,
        officer_signing="eds",
        trust_anchors=f"{settings.trust_anchors}:{ROOT}:{CA}",
        crl_files=str(CRL),
        offline=True,  # NCA's CRL and OCSP are on the internet: the preloaded CRL only
        test_pki=True,  # NCA's test IINs fail the real checksum
        signing_level="B-T",
    )


@pytest.fixture(scope="module")
async def gost_client(settings: Settings) -> AsyncIterator[Client]:
    async with AsyncTestClient(app=create_app(_gost_settings(settings))) as client:
        yield client


async def _gost_signer(flow: Flow) -> OfficerKey:
    async with flow.sessions() as session, session.begin():
        officer, token = await create_officer(
            session, "signer", TEST_IIN, "ТЕСТОВ ТЕСТ", test_pki=True
        )
    return OfficerKey(officer.id, "signer", TEST_IIN, token)


def _certificate_b64(name: str) -> str:
    return base64.b64encode(signer(name).pair.certificate_der).decode()


def ncalayer_gost(name: str, opened: dict[str, Any]) -> dict[str, str]:
    """What NCALayer returns with the GOST key ``name``: a detached CMS over the digest
    (``digested``), the issuing CA in it, and the enveloped XMLDSig of the XML."""
    key = signer(name)
    digest = base64.b64decode(opened["pdf"]["digest"])
    pdf_cms = key.sign_cms_digest(digest, extra_certs=[certificate(CA)])
    xml = key.sign_xml(opened["xml"]["document"].encode())
    return {"pdf_cms": base64.b64encode(pdf_cms).decode(), "xml": xml.decode()}


async def _open(
    client: Client, officer: OfficerKey, result_id: uuid.UUID, body: dict[str, str] | None
) -> dict[str, Any]:
    response = await client.post(
        f"/v1/officer/results/{result_id}/signing-sessions", headers=officer.headers, json=body
    )
    assert response.status_code == 201, response.text
    opened: dict[str, Any] = response.json()
    return opened


def _embedded_signature(pdf: bytes) -> tuple[bytes, bytes]:
    """The last signature's CMS (DER) and the bytes its ``/ByteRange`` covers."""
    *_, match = re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    a, b, c, d = (int(group) for group in match.groups())
    signed = pdf[a : a + b] + pdf[c : c + d]
    contents = pdf[a + b : c].strip(b"<> \n")
    der = bytes.fromhex(contents.decode())
    info = cms.ContentInfo.load(der.rstrip(b"\x00"))
    return bytes(info.dump()), signed


async def test_a_signer_with_an_nca_gost_key_signs_and_the_result_is_issued(
    flow: Flow, gost_client: Client, settings: Settings
) -> None:
    partner = await flow.make_partner()
    application_id, result_id = await to_signer_step(flow, partner)
    officer = await _gost_signer(flow)

    # The session opened with the officer's GOST certificate answers a Streebog-512 digest
    # of exactly the content it offers; without it, SHA-256 as before (RSA keys).
    plain = await _open(gost_client, officer, result_id, None)
    assert plain["pdf"]["digest_algorithm"] == "sha256"
    named = await _open(gost_client, officer, result_id, {"digest_algorithm": "gostr34112015-512"})
    opened = await _open(gost_client, officer, result_id, {"certificate": _certificate_b64(VALID)})
    content = base64.b64decode(opened["pdf"]["content"])
    assert opened["pdf"]["digest_algorithm"] == "gostr34112015-512"
    assert base64.b64decode(opened["pdf"]["digest"]) == gost_digest("streebog512", content)
    assert named["pdf"]["digest_algorithm"] == "gostr34112015-512"
    assert len(base64.b64decode(named["pdf"]["digest"])) == 64

    # The same person's revoked NCA key: 409, nothing moves.
    revoked = await gost_client.post(
        f"/v1/officer/signing-sessions/{named['id']}",
        json=ncalayer_gost(REVOKED, named),
        headers=officer.headers,
    )
    assert revoked.status_code == 409, revoked.text
    assert revoked.json()["code"] == "signer_certificate_revoked"
    # A CMS over the SHA-256 digest a GOST key cannot have signed: its message digest is wrong.
    wrong = await gost_client.post(
        f"/v1/officer/signing-sessions/{plain['id']}",
        json=ncalayer_gost(VALID, plain),
        headers=officer.headers,
    )
    assert wrong.status_code == 409 and wrong.json()["code"] == "officer_signature_invalid"

    signed = await gost_client.post(
        f"/v1/officer/signing-sessions/{opened['id']}",
        json=ncalayer_gost(VALID, opened),
        headers=officer.headers,
    )
    assert signed.status_code == 202, signed.text
    assert signed.json()["status"] == "signed" and signed.json()["level"] == "B-T"
    result = await result_of(flow.sessions, result_id)
    assert result.status == "signed" and result.signer_iin == TEST_IIN
    assert (await application_of(flow.sessions, application_id)).status not in (
        "signature",
        "signing",
    )

    base = f"/v1/applications/{application_id}/documents"
    listing = (await flow.client.get(base, headers=partner.headers)).json()
    files = {
        entry["kind"]: (await flow.client.get(f"{base}/{entry['id']}", headers=partner.headers))
        for entry in listing
    }
    pdf, xml = files["pdf"].content, files["xml"].content

    # The issued PDF carries the officer's own GOST CMS, with the signature timestamp added;
    # it verifies with our verifier over the /ByteRange, signed by the officer's certificate.
    embedded, covered = _embedded_signature(pdf)
    signer_info = cms.ContentInfo.load(embedded)["content"]["signer_infos"][0]
    assert signer_info["digest_algorithm"]["algorithm"].dotted == STREEBOG
    unsigned = [a["type"].native for a in signer_info["unsigned_attrs"]]
    assert "signature_time_stamp_token" in unsigned
    async with Verifier(_gost_settings(settings).verification_policy()) as verifier:
        checked = await verifier.verify_cms(embedded, covered, expect_iin=TEST_IIN)
        assert checked.valid, checked
        assert checked.serial == format(signer(VALID).certificate.serial_number, "X")
        tampered = covered.replace(b"/Type", b"/Typf", 1)
        assert not (await verifier.verify_cms(embedded, tampered)).valid
        # The XML: the officer's GOST XMLDSig, extended with the XAdES timestamp.
        xml_result, _ = await verifier.verify_xml_signed(xml, expect_iin=TEST_IIN)
        assert xml_result.valid, xml_result
    assert b"gostr34102015-gostr34112015-512" in xml and b"SignatureTimeStamp" in xml
    # Public verification (POST /v1/verify and the QR code's page) checks the GOST PDF and
    # XML with the same code and the deployment's preloaded CRL: both valid, the officer
    # named (it was "GOST signatures in PDFs are not verified yet").
    report = await gost_client.post(
        "/v1/verify", content=pdf, headers={"Content-Type": "application/pdf"}
    )
    assert report.status_code == 200, report.text
    [reported] = report.json()["signatures"]
    assert reported["valid"] is True and reported["indication"] == "TOTAL-PASSED", reported
    assert reported["signer"]["iin"] == TEST_IIN and reported["level"] == "B-T"
    assert reported["signer"]["certificate_serial"].upper() == checked.serial
    assert reported["revocation"] == "good" and reported["timestamp_time"] is not None
    page = await gost_client.get(
        f"/v1/documents/{result_id}/verify", headers={"Accept": "application/json"}
    )
    assert page.status_code == 200, page.text
    issued = page.json()
    assert issued["valid"] is True, issued
    assert {d["kind"] for d in issued["documents"]} == {"pdf", "xml"}
    for document in issued["documents"]:
        [signature] = document["report"]["signatures"]
        assert signature["signer"]["iin"] == TEST_IIN and signature["revocation"] == "good"


async def test_a_certificate_of_no_known_digest_is_refused_up_front(
    flow: Flow, gost_client: Client
) -> None:
    officer = await _gost_signer(flow)
    result_id = uuid.uuid4()
    garbage = await gost_client.post(
        f"/v1/officer/results/{result_id}/signing-sessions",
        headers=officer.headers,
        json={"certificate": base64.b64encode(b"not a certificate").decode()},
    )
    assert garbage.status_code == 400 and garbage.json()["code"] == "bad_request"
    clash = await gost_client.post(
        f"/v1/officer/results/{result_id}/signing-sessions",
        headers=officer.headers,
        json={"certificate": _certificate_b64(VALID), "digest_algorithm": "sha256"},
    )
    assert clash.status_code == 400 and clash.json()["code"] == "bad_request"
    unknown = await gost_client.post(
        f"/v1/officer/results/{result_id}/signing-sessions",
        headers=officer.headers,
        json={"digest_algorithm": "md5"},
    )
    assert unknown.status_code == 400, unknown.text
