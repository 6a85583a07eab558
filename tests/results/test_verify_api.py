"""Verification for anyone: POST /v1/verify, the QR code's page, GET /v1/pki/roots (no auth)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from asn1crypto import pem, x509
from litestar import Litestar
from litestar.testing import AsyncTestClient

from gateway.documents.checking import MAX_DOCUMENT_BYTES
from gateway.problem_titles import TITLES
from registry.results.render import render_pdf, render_xml
from signing.keys import Keystore
from signing.pades import PadesSigner
from signing.xades import XadesSigner
from testkit.pki.config import PROVIDER_HEAD_IIN
from testkit.pki.officers import officer
from testkit.pki.server import BuiltPki
from testkit.samples import sample_documents
from tests.results.conftest import SIGNER_NAME, Issued
from tests.results.helpers import tamper_pdf, tamper_xml

Client = AsyncTestClient[Litestar]


@pytest.fixture(scope="session")
async def revoked_signed(pki: BuiltPki, keystore: Keystore) -> dict[str, bytes]:
    """A sample result signed at B-T by the officer whose certificate was revoked."""
    document = sample_documents()["pm_certificate"]
    pair = officer("provider-revoked")
    key = keystore.key(*pair)
    async with PadesSigner(key, tsa_url=pki.tsa_url()) as pades, XadesSigner() as xades:
        pdf = await pades.sign(render_pdf(document), level="B-T")
        xml = await xades.sign(
            render_xml(document), key=keystore.rsa_private_key(*pair),
            chain=[key.certificate, *key.chain], level="B-T", tsa_url=pki.tsa_url(),
        )  # fmt: skip
    return {"pdf": pdf, "xml": xml}


async def _verify(client: Client, data: bytes, media_type: str) -> Any:
    return await client.post("/v1/verify", content=data, headers={"Content-Type": media_type})


async def test_post_verify_passes_good_documents(client: Client, issued: Issued) -> None:
    for data, media_type, fmt in (
        (issued.pdf, "application/pdf", "pdf"),
        (issued.xml, "application/xml", "xml"),
        (issued.pdf, "application/octet-stream", "pdf"),  # the content decides
    ):
        response = await _verify(client, data, media_type)
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["format"] == fmt and report["valid"] is True
        [signature] = report["signatures"]
        assert signature["indication"] == "TOTAL-PASSED" and signature["level"] == "B-LT"
        assert signature["signer"]["iin"] == PROVIDER_HEAD_IIN
        assert signature["modified_after_signing"] is False


async def test_post_verify_fails_tampered_documents(client: Client, issued: Issued) -> None:
    pdf = (await _verify(client, tamper_pdf(issued.pdf), "application/pdf")).json()
    assert pdf["valid"] is False
    assert pdf["signatures"][0]["indication"] != "TOTAL-PASSED"
    forged = tamper_xml(issued.xml, issued.listing[0]["result_number"])
    xml = (await _verify(client, forged, "application/xml")).json()
    assert xml["valid"] is False
    assert xml["signatures"][0]["indication"] == "TOTAL-FAILED"
    assert xml["signatures"][0]["sub_indication"] == "HASH_FAILURE"


async def test_post_verify_reports_a_revoked_signer(
    client: Client, revoked_signed: dict[str, bytes]
) -> None:
    for kind, media_type in (("pdf", "application/pdf"), ("xml", "application/xml")):
        report = (await _verify(client, revoked_signed[kind], media_type)).json()
        assert report["valid"] is False, kind
        [signature] = report["signatures"]
        assert signature["revocation"] == "revoked", (kind, signature)
        assert signature["indication"] != "TOTAL-PASSED"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"", 422, "document_unreadable"),
        (b"hello, not a document", 422, "document_unreadable"),
        (b"%PDF-1.7\n garbage that no reader accepts", 422, "document_unreadable"),
    ],
)
async def test_post_verify_refuses_bad_input_with_a_problem(
    client: Client, body: bytes, status: int, code: str
) -> None:
    response = await _verify(client, body, "application/pdf")
    assert response.status_code == status, response.text
    assert response.json()["code"] == code
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_post_verify_of_unsigned_xml_is_not_valid(client: Client) -> None:
    xml = render_xml(sample_documents()["pm_certificate"])
    report = (await _verify(client, xml, "application/xml")).json()
    assert report["valid"] is False and report["signatures"] == []


async def test_the_public_page_answers_json_and_html(client: Client, issued: Issued) -> None:
    url = f"/v1/documents/{issued.signing.result_id}/verify"
    as_json = await client.get(url, headers={"Accept": "application/json"})
    assert as_json.status_code == 200, as_json.text
    body = as_json.json()
    assert body["valid"] is True and body["kind"] == "pm_certificate"
    assert body["number"] == issued.listing[0]["result_number"]
    assert {d["kind"] for d in body["documents"]} == {"pdf", "xml"}
    assert all(d["report"]["signatures"][0]["signer"]["iin"] == PROVIDER_HEAD_IIN
               for d in body["documents"])  # fmt: skip
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = await client.get(url, headers={"Accept": browser})
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"  # one charset (issue 20)
    html = page.text
    assert "Құжат жарамды / Документ действителен" in html
    # The kind and the verdict are named for a person, in kk and ru (issue 20).
    assert "Бағалы металдар сертификаты / Сертификат на драгоценные металлы" in html
    assert "Қолтаңба расталды / Подпись подтверждена" in html
    assert "(UTC+05:00, Астана)" in html  # a time shown to a person says its zone
    assert issued.listing[0]["result_number"] in html
    assert PROVIDER_HEAD_IIN in html and SIGNER_NAME in html  # the certificate's holder
    # A document's own id opens the same page.
    by_document = await client.get(f"/v1/documents/{issued.listing[0]['id']}/verify")
    assert by_document.json()["result_id"] == str(issued.signing.result_id)


async def test_the_public_page_is_404_for_unknown_and_unsigned(client: Client) -> None:
    response = await client.get(f"/v1/documents/{uuid.uuid4()}/verify")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


async def test_a_browser_gets_a_problem_as_a_page(client: Client) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = await client.get(f"/v1/documents/{uuid.uuid4()}/verify", headers={"Accept": browser})
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert TITLES["not_found"]["kk"] in response.text
    assert TITLES["not_found"]["ru"] in response.text
    assert "not_found" in response.text


async def test_pki_roots_publishes_the_local_root(client: Client, pki: BuiltPki) -> None:
    root = x509.Certificate.load(pki.cert_der("root"))
    as_json = await client.get("/v1/pki/roots")
    assert as_json.status_code == 200
    [entry] = as_json.json()
    assert entry["subject"] == root.subject.human_friendly
    _kind, _headers, der = pem.unarmor(entry["pem"].encode())
    assert der == root.dump()
    as_pem = await client.get("/v1/pki/roots", headers={"Accept": "application/x-pem-file"})
    assert as_pem.headers["content-type"].startswith("application/x-pem-file")
    assert as_pem.text == entry["pem"]
    assert (await client.get("/v1/pki/roots?format=pem")).text == entry["pem"]


async def test_post_verify_refuses_an_oversized_body(client: Client) -> None:
    body = b"%PDF-1.7\n" + bytes(MAX_DOCUMENT_BYTES)
    response = await _verify(client, body, "application/pdf")
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"
    assert response.json()["limit_bytes"] == MAX_DOCUMENT_BYTES
