"""An NCA GOST officer signs at B-LT and B-LTA: the validation data is embedded, not a 503.

pyHanko's own DSS step validates the chain with ``cryptography``, which knows no GOST, and
the XAdES collector read neither the preloaded CRLs nor the URL rewrites: a deployment asking
for B-LT answered 503 ``signing_unavailable`` to every GOST officer. Now the DSS is written
from the same revocation data the verifier accepts (here NCA's preloaded CRL, offline), and
B-LTA adds a document timestamp over it (the test TSA's key is RSA).
"""

from __future__ import annotations

import base64
from io import BytesIO

import msgspec
import pytest
from litestar.testing import AsyncTestClient
from lxml import etree
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_timestamp
from pyhanko_certvalidator import ValidationContext

from gateway.app import create_app
from registry.settings import Settings, path_list
from signing import Level, load_certificates
from signing.encoding import decode_one
from tests.results.conftest import to_signer_step
from tests.results.test_officer_signing_gost import (
    VALID,
    _certificate_b64,
    _gost_settings,
    _gost_signer,
    _open,
    ncalayer_gost,
)
from tests.signing.gost_helpers import CA, CRL, TEST_IIN, certificate
from tests.workflow.conftest import Flow
from tests.workflow.helpers import result_of

XADES = {"xades": "http://uri.etsi.org/01903/v1.3.2#"}


def _lt_settings(settings: Settings, level: Level) -> Settings:
    """The GOST deployment of the B-T tests (NCA's CRL preloaded, offline), at ``level``."""
    return msgspec.structs.replace(_gost_settings(settings), signing_level=level)


def _dss(pdf: bytes) -> tuple[set[bytes], set[bytes], int]:
    """The DSS's certificates, CRLs (DER) and number of VRI entries."""
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    dss = reader.root["/DSS"]
    certs = {stream.get_object().data for stream in dss.get("/Certs", [])}
    crls = {stream.get_object().data for stream in dss.get("/CRLs", [])}
    return certs, crls, len(dss.get("/VRI", {}))


def _encapsulated(xml: bytes, path: str) -> set[bytes]:
    root = etree.fromstring(xml)
    return {base64.b64decode(node.text or "") for node in root.iterfind(path, XADES)}


async def _issued_files(flow: Flow, settings: Settings, level: Level) -> tuple[bytes, bytes]:
    """S3 taken to the signer's step and signed by the GOST officer at ``level``: PDF, XML."""
    partner = await flow.make_partner()
    application_id, result_id = await to_signer_step(flow, partner)
    officer = await _gost_signer(flow)
    async with AsyncTestClient(app=create_app(_lt_settings(settings, level))) as client:
        opened = await _open(client, officer, result_id, {"certificate": _certificate_b64(VALID)})
        signed = await client.post(
            f"/v1/officer/signing-sessions/{opened['id']}",
            json=ncalayer_gost(VALID, opened),
            headers=officer.headers,
        )
    assert signed.status_code == 202, signed.text  # it was 503 signing_unavailable
    assert signed.json()["level"] == level
    result = await result_of(flow.sessions, result_id)
    assert result.status == "signed" and result.signer_iin == TEST_IIN
    base = f"/v1/applications/{application_id}/documents"
    listing = (await flow.client.get(base, headers=partner.headers)).json()
    files = {
        entry["kind"]: (await flow.client.get(f"{base}/{entry['id']}", headers=partner.headers))
        for entry in listing
    }
    return files["pdf"].content, files["xml"].content


@pytest.mark.parametrize("level", ["B-LT", "B-LTA"])
async def test_a_gost_officer_signs_with_validation_data_embedded(
    flow: Flow, settings: Settings, level: Level
) -> None:
    pdf, xml = await _issued_files(flow, settings, level)
    officer_der = base64.b64decode(_certificate_b64(VALID))
    ca_der = bytes(certificate(CA).dump())
    nca_crl = decode_one(CRL.read_bytes())

    # The PDF's DSS: the officer's chain and NCA's GOST CRL, tied to the signature by a VRI.
    certs, crls, vri_entries = _dss(pdf)
    assert {officer_der, ca_der} <= certs
    assert nca_crl in crls
    assert vri_entries >= 1

    reader = PdfFileReader(BytesIO(pdf), strict=False)
    signatures = reader.embedded_signatures
    # (pyHanko reads no GOST signer: the officer's certificate is among the CMS's.)
    carried = {c.chosen.dump() for c in signatures[0].signed_data["certificates"]}
    assert signatures[0].sig_object_type == "/Sig" and officer_der in carried
    # The signature timestamp's TSA (the test PKI's, RSA) is in the DSS too.
    [token] = [
        attribute["values"][0]
        for attribute in signatures[0].signer_info["unsigned_attrs"]
        if attribute["type"].native == "signature_time_stamp_token"
    ]
    tsa_certs = {c.chosen.dump() for c in token["content"]["certificates"]}
    assert tsa_certs & certs
    if level == "B-LTA":
        # The document timestamp comes last, over everything including the DSS, and holds.
        assert len(signatures) == 2
        stamp = signatures[-1]
        assert stamp.sig_object_type == "/DocTimeStamp"
        assert pdf.index(b"/DSS") < stamp.byte_range[2]
        anchors = load_certificates(path_list(settings.trust_anchors))
        status = await async_validate_pdf_timestamp(
            stamp, validation_context=ValidationContext(trust_roots=anchors)
        )
        assert status.intact and status.valid, status
    else:
        assert len(signatures) == 1

    # The XML: XAdES B-LT values, the officer's chain and NCA's GOST CRL among them.
    values = "xades:UnsignedProperties/xades:UnsignedSignatureProperties"
    cert_values = _encapsulated(
        xml, f".//{values}/xades:CertificateValues/xades:EncapsulatedX509Certificate"
    )
    crl_values = _encapsulated(
        xml, f".//{values}/xades:RevocationValues/xades:CRLValues/xades:EncapsulatedCRLValue"
    )
    assert officer_der in cert_values
    assert nca_crl in crl_values
