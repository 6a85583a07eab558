"""S3 end to end: the signer approves → ``sign_result`` → signed PDF and XML issued and delivered.

The job runs in-process through its function (the worker's ctx built from the session's
stack); the documents it stores are downloaded by the partner and checked by our verifiers
and by tools nobody here wrote (pyHanko's CLI, xmlsec1), good and tampered.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path
from typing import Any

import msgspec
from asn1crypto import x509
from litestar import Litestar
from litestar.testing import AsyncTestClient
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.applications.events import chain_is_intact
from registry.models import OutboxMessage
from registry.results.document import ResultDocument
from signing.pades import verify_pdf
from signing.xades import verify_xml
from testkit.pki.config import PROVIDER_HEAD_IIN
from testkit.pki.server import BuiltPki
from tests.results.conftest import SIGNER_NAME, Issued, drive_to_signing
from tests.results.helpers import documents_of, tamper_pdf, tamper_xml, write
from tests.signing.issue.test_issue_independent import pyhanko_validate
from tests.signing.xades.xades_helpers import xmlsec1_verify
from tests.workflow.conftest import Flow
from tests.workflow.helpers import application_of, events_of, fetch_all, result_of, status_of

Client = AsyncTestClient[Litestar]


async def test_the_signers_approval_enqueues_signing_in_the_same_transaction(flow: Flow) -> None:
    signing = await drive_to_signing(flow, await flow.make_partner())
    rows = await fetch_all(
        flow.sessions, select(OutboxMessage).where(OutboxMessage.job == "sign_result")
    )
    result = await result_of(flow.sessions, signing.result_id)
    assert [row.payload for row in rows if row.payload == {"result_id": str(signing.result_id)}]
    assert result.status == "awaiting_signature"
    assert await documents_of(flow.sessions, signing.result_id) == []  # nothing signed yet


async def test_the_job_signs_once_stores_both_documents_and_moves_the_application(
    issued: Issued, sessions: async_sessionmaker[AsyncSession], client: Client
) -> None:
    assert (issued.first_run, issued.second_run) == ("signed", "nothing_to_sign")
    signing = issued.signing
    stored = await documents_of(sessions, signing.result_id)
    assert [(d.kind, d.media_type, d.level) for d in stored] == [
        ("pdf", "application/pdf", "B-LT"),
        ("xml", "application/xml", "B-LT"),
    ]  # one of each: the second run signed nothing
    assert [d.content for d in stored] == [issued.pdf, issued.xml]
    result = await result_of(sessions, signing.result_id)
    application = await application_of(sessions, signing.application_id)
    assert result.status == "signed" and result.signed_at is not None
    assert application.status == "result_registration"  # moved on by "signed"
    document = msgspec.convert(result.document, ResultDocument)
    assert document.verify_url == f"http://127.0.0.1:8000/v1/documents/{result.id}/verify"
    assert document.signer is not None and document.signer.iin == PROVIDER_HEAD_IIN

    events = await events_of(sessions, signing.application_id)
    assert chain_is_intact(events)
    signed = [e for e in events if e.kind == "result_signed"]
    assert len(signed) == 1
    hashes = {d["kind"]: d["sha256"] for d in signed[0].data["documents"]}
    assert hashes == {
        "pdf": hashlib.sha256(issued.pdf).hexdigest(),
        "xml": hashlib.sha256(issued.xml).hexdigest(),
    }
    moves = [e.data for e in events if e.kind == "status_changed"]
    assert moves[-1]["action"] == "signed" and moves[-1]["to"] == "result_registration"
    assert events.index(signed[0]) < len(events) - 1  # the move comes after the signature
    status = await status_of(client, signing.partner, signing.application_id)
    assert status == "result_registration"  # the cache entry went


async def test_the_partner_lists_and_downloads_and_others_get_404(
    issued: Issued, client: Client, make_partner: Any
) -> None:
    listing = issued.listing
    assert {entry["kind"] for entry in listing} == {"pdf", "xml"}
    for entry in listing:
        content = issued.pdf if entry["kind"] == "pdf" else issued.xml
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
        assert entry["size"] == len(content)
        assert entry["result_kind"] == "pm_certificate"
        assert entry["result_number"].startswith("PM-SPECIAL-REGISTRATION-")
    other = await make_partner("Another portal")
    base = f"/v1/applications/{issued.signing.application_id}/documents"
    assert (await client.get(base, headers=other.headers)).status_code == 404
    download = await client.get(f"{base}/{listing[0]['id']}", headers=other.headers)
    assert download.status_code == 404 and download.json()["code"] == "not_found"
    unknown = await client.get(f"{base}/{uuid.uuid4()}", headers=issued.signing.partner.headers)
    assert unknown.status_code == 404


async def test_our_verifiers_pass_the_downloads_with_the_signers_iin(
    issued: Issued, pki: BuiltPki
) -> None:
    trust = [pki_root(pki)]
    for report in (
        await verify_pdf(issued.pdf, trust=trust),
        await verify_xml(issued.xml, trust=trust),
    ):
        assert report.valid, report
        [signature] = report.signatures
        assert signature.indication == "TOTAL-PASSED"
        assert signature.level == "B-LT"
        assert signature.signer is not None and signature.signer.iin == PROVIDER_HEAD_IIN
        assert signature.timestamp_time is not None
    tampered = await verify_pdf(tamper_pdf(issued.pdf), trust=trust)
    assert not tampered.valid
    number = issued.listing[0]["result_number"]
    assert not (await verify_xml(tamper_xml(issued.xml, number), trust=trust)).valid


def pki_root(pki: BuiltPki) -> x509.Certificate:
    return x509.Certificate.load(pki.cert_der("root"))


def test_independent_tools_accept_the_downloads_and_reject_tampered_copies(
    issued: Issued, pki: BuiltPki, tmp_path: Path
) -> None:
    root = pki.trust_dir / "root.pem"
    good = pyhanko_validate(write(tmp_path, "good.pdf", issued.pdf), root)
    assert good.returncode == 0, good.stdout + good.stderr
    assert ":INTACT:TRUSTED" in good.stdout
    bad = pyhanko_validate(write(tmp_path, "bad.pdf", tamper_pdf(issued.pdf)), root)
    assert bad.returncode != 0 and ":INTACT:" not in bad.stdout
    xml_good = xmlsec1_verify(write(tmp_path, "good.xml", issued.xml), root)
    assert xml_good.returncode == 0, xml_good.stdout + xml_good.stderr
    number = issued.listing[0]["result_number"]
    forged = tamper_xml(issued.xml, number)
    xml_bad = xmlsec1_verify(write(tmp_path, "bad.xml", forged), root)
    assert xml_bad.returncode != 0


async def test_the_signed_pdf_shows_the_signer_and_the_verification_url(issued: Issued) -> None:
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(issued.pdf)).pages)
    assert SIGNER_NAME in text
    assert f"/v1/documents/{issued.signing.result_id}/verify" in text.replace("\n", "")
