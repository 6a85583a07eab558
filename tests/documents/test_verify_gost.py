"""``POST /v1/verify`` on documents signed with NCA GOST keys (issue 16, public verification).

Officers sign results with NCA GOST R 34.10-2015 512-bit keys through NCALayer. The documents
here are made the way the officer signing flow makes them, with NCA's real test keys (the
test kit's GOST signer): the PDF prepared with a placeholder, its ``/ByteRange`` hashed with
Streebog-512, a detached CMS over that digest embedded and time-stamped by the local test TSA
(B-T); the XML signed as NCALayer's ``signXml`` does and extended with the XAdES timestamp.

The deployment trusts NCA's GOST test root and CA and is offline, with NCA's CRL preloaded
(``QAQPA_CRL_FILES``) -- the settings intake runs with. Before, the PDF was reported "GOST
signatures in PDFs are not verified yet" and the XML ended INDETERMINATE (the preloaded CRL
was not used on this path).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import aiohttp
import msgspec
import pytest
from asn1crypto import crl
from click.testing import CliRunner
from litestar import Litestar
from litestar.testing import AsyncTestClient
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.signers import PdfTimeStamper
from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko_certvalidator import ValidationContext

from gateway.app import create_app
from gateway.cli import main
from registry.settings import Settings
from signing import load_certificates
from signing.pades.digests import byte_range_digest
from signing.pades.external import finish_external, prepare_external
from signing.xades.sign import XadesSigner
from testkit.pki.pdf import sample_pdf
from testkit.pki.server import BuiltPki
from tests.documents.listener import listening
from tests.signing.gost_helpers import CA, CRL, ROOT, TEST_IIN, certificate, signer

Client = AsyncTestClient[Litestar]
VALID = "individual_valid_individual_valid"  # IIN 123456789011
REVOKED = "individual_revoked_individual_revoked"  # the same IIN, on NCA's CRL
TEXT = "Permit 16-0001 issued"
XML = b"<result><number>16-0001</number><decision>issued</decision></result>"


def _gost_settings(settings: Settings, *, crl: bool = True) -> Settings:
    return msgspec.structs.replace(
        settings,
        trust_anchors=f"{settings.trust_anchors}:{ROOT}:{CA}",
        crl_files=str(CRL) if crl else "",
        offline=True,  # NCA's CRL and OCSP are on the internet: the preloaded CRL only
        test_pki=True,  # NCA's test IINs fail the real checksum
    )


@dataclass(frozen=True)
class Signed:
    pdf: bytes
    xml: bytes
    serial: str


async def _sign(name: str, tsa_url: str) -> Signed:
    """A B-T PDF and a B-T XML signed with the NCA GOST key ``name``, as the officer's
    NCALayer signature becomes an issued result."""
    key = signer(name)
    prepared = await prepare_external(sample_pdf((TEXT,)))
    digest = byte_range_digest("gostr34112015-512", prepared.signed_bytes())
    cms = key.sign_cms_digest(digest, extra_certs=[certificate(CA)])
    pdf = await finish_external(prepared, cms, level="B-T", tsa_url=tsa_url, trust=[])
    async with XadesSigner() as xades:
        xml = await xades.extend(
            key.sign_xml(XML), chain=[key.certificate], level="B-T", tsa_url=tsa_url
        )
    return Signed(pdf=pdf, xml=xml, serial=format(key.certificate.serial_number, "x"))


@pytest.fixture(scope="module")
async def signed(pki: BuiltPki) -> dict[str, Signed]:
    return {name: await _sign(name, pki.tsa_url()) for name in (VALID, REVOKED)}


@pytest.fixture(scope="module")
async def gost_client(settings: Settings) -> AsyncIterator[Client]:
    async with AsyncTestClient(app=create_app(_gost_settings(settings))) as client:
        yield client


async def _verify(client: Client, data: bytes, media_type: str) -> dict[str, Any]:
    response = await client.post("/v1/verify", content=data, headers={"Content-Type": media_type})
    assert response.status_code == 200, response.text
    [signature] = response.json()["signatures"]
    report: dict[str, Any] = signature
    return report


def _changed_pdf(pdf: bytes) -> bytes:
    """One byte of the page text changed (inside the signed ``/ByteRange``)."""
    assert pdf.count(TEXT.encode()) == 1
    return pdf.replace(TEXT.encode(), TEXT.replace("16-0001", "16-0002").encode())


@pytest.mark.parametrize("kind", ["pdf", "xml"])
async def test_a_gost_signed_result_verifies_with_signer_timestamp_and_revocation(
    gost_client: Client, signed: dict[str, Signed], kind: str
) -> None:
    document = signed[VALID]
    data = document.pdf if kind == "pdf" else document.xml
    report = await _verify(gost_client, data, f"application/{kind}")
    assert report["valid"] is True, report
    assert report["indication"] == "TOTAL-PASSED" and report["sub_indication"] is None
    assert report["level"] == "B-T"
    assert report["revocation"] == "good"
    assert report["timestamp_time"] is not None
    assert report["modified_after_signing"] is False
    assert report["coverage"] == ("entire_document" if kind == "pdf" else "document")
    signer_report = report["signer"]
    assert signer_report["iin"] == TEST_IIN and signer_report["name"] == "ТЕСТОВ ТЕСТ"
    assert signer_report["certificate_serial"].lower() == document.serial
    assert "(GOST) TEST 2022" in signer_report["issuer"]


async def test_one_changed_byte_in_the_signed_range_of_a_gost_pdf_fails(
    gost_client: Client, signed: dict[str, Signed]
) -> None:
    report = await _verify(gost_client, _changed_pdf(signed[VALID].pdf), "application/pdf")
    assert report["valid"] is False
    assert (report["indication"], report["sub_indication"]) == ("TOTAL-FAILED", "HASH_FAILURE")
    assert report["signer"]["iin"] == TEST_IIN


async def test_a_changed_gost_signed_xml_fails(
    gost_client: Client, signed: dict[str, Signed]
) -> None:
    tampered = signed[VALID].xml.replace(b"<decision>issued<", b"<decision>issuee<")
    assert tampered != signed[VALID].xml
    report = await _verify(gost_client, tampered, "application/xml")
    assert report["valid"] is False
    assert (report["indication"], report["sub_indication"]) == ("TOTAL-FAILED", "HASH_FAILURE")


async def test_a_revoked_gost_key_gives_the_revoked_verdict(
    gost_client: Client, signed: dict[str, Signed]
) -> None:
    pdf = await _verify(gost_client, signed[REVOKED].pdf, "application/pdf")
    assert pdf["valid"] is False and pdf["revocation"] == "revoked"
    # Time-stamped after the revocation, and the CMS's signing-time says so too: proven.
    assert (pdf["indication"], pdf["sub_indication"]) == ("TOTAL-FAILED", "REVOKED")
    assert pdf["signer"]["certificate_serial"].lower() == signed[REVOKED].serial
    xml = await _verify(gost_client, signed[REVOKED].xml, "application/xml")
    assert xml["valid"] is False and xml["revocation"] == "revoked"
    # NCALayer's XMLDSig claims no signing time, so the order is not ascertained (ETSI).
    assert (xml["indication"], xml["sub_indication"]) == ("INDETERMINATE", "REVOKED_NO_POE")


@pytest.fixture(scope="module")
async def no_crl_client(settings: Settings) -> AsyncIterator[Client]:
    """Offline and no CRL preloaded: only what a document embeds can settle revocation."""
    async with AsyncTestClient(app=create_app(_gost_settings(settings, crl=False))) as client:
        yield client


async def test_offline_without_a_preloaded_crl_a_gost_pdf_is_indeterminate(
    no_crl_client: Client, signed: dict[str, Signed]
) -> None:
    report = await _verify(no_crl_client, signed[VALID].pdf, "application/pdf")
    assert report["valid"] is False and report["revocation"] == "unknown"
    assert (report["indication"], report["sub_indication"]) == ("INDETERMINATE", "TRY_LATER")


async def test_a_gost_pdf_with_nca_crl_in_its_dss_verifies_offline_at_b_lt(
    no_crl_client: Client, signed: dict[str, Signed]
) -> None:
    """The validation data a B-LT document embeds (its DSS, added as a later revision) is
    used for GOST signatures too; the DSS revision is signature maintenance, not a change."""
    output = BytesIO(signed[VALID].pdf)
    DocumentSecurityStore.add_dss(
        output,
        None,
        certs=[certificate(CA)],
        crls=[crl.CertificateList.load(CRL.read_bytes())],
        strict=False,
    )
    report = await _verify(no_crl_client, output.getvalue(), "application/pdf")
    assert report["valid"] is True, report
    assert report["level"] == "B-LT" and report["revocation"] == "good"
    assert report["coverage"] == "entire_revision" and report["modified_after_signing"] is False


async def test_a_page_changed_in_a_later_revision_of_a_gost_pdf_is_reported(
    gost_client: Client, signed: dict[str, Signed]
) -> None:
    """The signed revision is intact, but a revision appended after it replaces the page's
    content: the signature holds for what it covers, the document as shown does not."""
    writer = IncrementalPdfFileWriter(BytesIO(signed[VALID].pdf), strict=False)
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 14 Tf 72 700 Td (Refused) Tj ET")
    )
    writer.update_container(page)
    output = BytesIO()
    writer.write(output)  # type: ignore[no-untyped-call]  # pyHanko ships no types
    report = await _verify(gost_client, output.getvalue(), "application/pdf")
    assert report["valid"] is False and report["modified_after_signing"] is True
    assert (report["indication"], report["sub_indication"]) == (
        "INDETERMINATE",
        "SIG_CONSTRAINTS_FAILURE",
    )


def test_qaqpa_document_verify_uses_the_preloaded_crl_too(
    pki: BuiltPki, signed: dict[str, Signed], tmp_path: Path
) -> None:
    path = tmp_path / "gost.pdf"
    path.write_bytes(signed[VALID].pdf)
    env = {
        "QAQPA_TRUST_ANCHORS": f"{pki.trust_dir}:{ROOT}:{CA}",
        "QAQPA_INTERMEDIATES": "",
        "QAQPA_DATA_DIR": "/nonexistent",
        "QAQPA_CRL_FILES": str(CRL),
        "QAQPA_OFFLINE": "true",
        "QAQPA_TEST_PKI": "true",
    }
    result = CliRunner().invoke(main, ["document", "verify", str(path)], env=env)
    assert result.exit_code == 0, result.output
    [signature] = json.loads(result.stdout)["signatures"]
    assert signature["indication"] == "TOTAL-PASSED" and signature["revocation"] == "good"


async def test_with_fetching_nca_crl_comes_through_the_mirror_rewrite(
    settings: Settings, signed: dict[str, Signed]
) -> None:
    """Not offline, no CRL preloaded: NCA's CRL is fetched -- from the mirror that
    ``QAQPA_REVOCATION_URL_REWRITE`` names, never from test.pki.gov.kz itself."""
    with listening(CRL.read_bytes()) as mirror:
        mirrored = msgspec.structs.replace(
            _gost_settings(settings, crl=False),
            offline=False,
            revocation_url_rewrite=f"http://test.pki.gov.kz/={mirror.base_url}/",
        )
        async with AsyncTestClient(app=create_app(mirrored)) as client:
            pdf = await _verify(client, signed[VALID].pdf, "application/pdf")
            xml = await _verify(client, signed[VALID].xml, "application/xml")
    for report in (pdf, xml):
        assert report["valid"] is True, report
        assert report["revocation"] == "good"
    assert "/crl/nca_gost2022_test.crl" in mirror.paths


async def test_a_gost_pdf_archived_with_a_document_timestamp_is_b_lta(
    no_crl_client: Client, signed: dict[str, Signed], pki: BuiltPki
) -> None:
    """NCA's CRL in the DSS, then a document timestamp (with its TSA's validation data) over
    it all: B-LTA, offline, nothing preloaded."""
    output = BytesIO(signed[VALID].pdf)
    DocumentSecurityStore.add_dss(
        output,
        None,
        certs=[certificate(CA)],
        crls=[crl.CertificateList.load(CRL.read_bytes())],
        strict=False,
    )
    context = ValidationContext(
        trust_roots=load_certificates([str(pki.trust_dir)]), allow_fetching=True
    )
    writer = IncrementalPdfFileWriter(output, strict=False)
    async with aiohttp.ClientSession() as session:
        stamper = PdfTimeStamper(HTTPTimeStamper(pki.tsa_url(), session=session))
        await stamper.async_timestamp_pdf(writer, "sha256", context, in_place=True)
    report = await _verify(no_crl_client, output.getvalue(), "application/pdf")
    assert report["valid"] is True, report
    assert report["level"] == "B-LTA" and report["revocation"] == "good"
