"""verify_xml on good, tampered, revoked-signer and odd documents (real TSA, CRL, OCSP)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

from asn1crypto import x509
from lxml import etree

from signing.xades import verify_xml
from signing.xades.names import NS
from signing.xmldsig import safe_parser
from testkit.pki.config import HEAD_IIN, LEGAL_BIN
from testkit.pki.server import BuiltPki
from tests.signing.xades.xades_helpers import ORIGINAL_TEXT


def _edit(document: bytes, path: str, change: str) -> bytes:
    root = etree.fromstring(document, parser=safe_parser())
    element = root.find(path, NS)
    assert element is not None
    element.text = change
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


async def test_b_lt_report(signed: dict[str, bytes], root_cert: x509.Certificate) -> None:
    report = await verify_xml(signed["legal-sign B-LT"], trust=[root_cert])
    assert report.format == "xml"
    assert report.valid
    [signature] = report.signatures
    assert (signature.indication, signature.sub_indication) == ("TOTAL-PASSED", None)
    assert signature.level == "B-LT"
    assert signature.signer is not None
    assert (signature.signer.iin, signature.signer.bin) == (HEAD_IIN, LEGAL_BIN)
    assert "first_head" in signature.signer.roles
    assert signature.revocation == "good"
    assert signature.coverage == "document"
    assert not signature.modified_after_signing
    assert signature.signing_time is not None and signature.timestamp_time is not None
    now = datetime.now(UTC)
    assert now - timedelta(hours=1) < signature.timestamp_time <= now
    assert signature.signing_time <= signature.timestamp_time
    assert signature.problems == []


async def test_b_lt_verifies_offline(signed: dict[str, bytes], root_cert: x509.Certificate) -> None:
    """The embedded CertificateValues/RevocationValues suffice: no network needed."""
    report = await verify_xml(signed["legal-sign B-LT"], trust=[root_cert], allow_fetching=False)
    [signature] = report.signatures
    assert report.valid and signature.level == "B-LT" and signature.revocation == "good"


async def test_b_t_needs_revocation_data_from_somewhere(
    signed: dict[str, bytes], root_cert: x509.Certificate
) -> None:
    online = await verify_xml(signed["legal-sign B-T"], trust=[root_cert])
    assert online.valid
    assert online.signatures[0].level == "B-T"
    assert online.signatures[0].timestamp_time is not None
    offline = await verify_xml(signed["legal-sign B-T"], trust=[root_cert], allow_fetching=False)
    [signature] = offline.signatures
    assert not offline.valid
    assert (signature.indication, signature.sub_indication) == ("INDETERMINATE", "TRY_LATER")
    assert signature.revocation == "unknown"


async def test_b_b_report(signed: dict[str, bytes], root_cert: x509.Certificate) -> None:
    report = await verify_xml(signed["legal-sign B-B"], trust=[root_cert])
    [signature] = report.signatures
    assert report.valid and signature.level == "B-B"
    assert signature.timestamp_time is None and signature.signing_time is not None


async def test_changed_text_node_is_hash_failure(
    signed: dict[str, bytes], root_cert: x509.Certificate
) -> None:
    for level in ("B-B", "B-T", "B-LT"):
        original = signed[f"legal-sign {level}"]
        tampered = original.replace(ORIGINAL_TEXT.encode(), "Құжаттар толық".encode())
        report = await verify_xml(tampered, trust=[root_cert])
        [signature] = report.signatures
        assert not report.valid
        assert (signature.indication, signature.sub_indication) == ("TOTAL-FAILED", "HASH_FAILURE")
        assert signature.modified_after_signing


async def test_changed_signed_property_is_hash_failure(
    signed: dict[str, bytes], root_cert: x509.Certificate
) -> None:
    tampered = _edit(signed["legal-sign B-LT"], ".//xades:SigningTime", "2020-01-01T00:00:00+00:00")
    [signature] = (await verify_xml(tampered, trust=[root_cert])).signatures
    assert signature.sub_indication == "HASH_FAILURE"


async def test_changed_signature_value_is_crypto_failure(
    signed: dict[str, bytes], root_cert: x509.Certificate
) -> None:
    document = signed["legal-sign B-B"]
    root = etree.fromstring(document, parser=safe_parser())
    value = root.find(".//ds:SignatureValue", NS)
    assert value is not None and value.text is not None
    raw = bytearray(base64.b64decode(value.text))
    raw[10] ^= 0x01
    tampered = _edit(document, ".//ds:SignatureValue", base64.b64encode(raw).decode())
    [signature] = (await verify_xml(tampered, trust=[root_cert])).signatures
    assert (signature.indication, signature.sub_indication) == (
        "TOTAL-FAILED",
        "SIG_CRYPTO_FAILURE",
    )
    assert not signature.modified_after_signing


async def test_foreign_timestamp_is_ignored(
    signed: dict[str, bytes], root_cert: x509.Certificate
) -> None:
    """A token over another signature proves nothing: the imprint check drops it to B-B."""
    path = ".//xades:SignatureTimeStamp/xades:EncapsulatedTimeStamp"
    donor = etree.fromstring(signed["legal-sign B-LT"], parser=safe_parser()).find(path, NS)
    assert donor is not None and donor.text is not None
    swapped = _edit(signed["legal-sign B-T"], path, donor.text)
    report = await verify_xml(swapped, trust=[root_cert])
    [signature] = report.signatures
    assert signature.level == "B-B"
    assert signature.timestamp_time is None
    assert any("imprint" in problem for problem in signature.problems)


async def test_revoked_signer_with_timestamp_is_total_failed(
    signed: dict[str, bytes], root_cert: x509.Certificate
) -> None:
    """Revoked two days before both the signed SigningTime and the timestamp: TOTAL-FAILED."""
    for allow_fetching in (True, False):
        report = await verify_xml(
            signed["revoked-crl B-LT"], trust=[root_cert], allow_fetching=allow_fetching
        )
        [signature] = report.signatures
        assert not report.valid
        assert (signature.indication, signature.sub_indication) == ("TOTAL-FAILED", "REVOKED")
        assert signature.revocation == "revoked"
        assert signature.level == "B-LT"


async def test_revoked_signer_without_timestamp_has_no_poe(
    signed: dict[str, bytes], root_cert: x509.Certificate
) -> None:
    [signature] = (await verify_xml(signed["revoked-crl B-B"], trust=[root_cert])).signatures
    assert (signature.indication, signature.sub_indication) == ("INDETERMINATE", "REVOKED_NO_POE")
    assert signature.revocation == "revoked"


async def test_untrusted_root(signed: dict[str, bytes], pki: BuiltPki) -> None:
    other = x509.Certificate.load(pki.cert_der("unknown-root"))
    report = await verify_xml(signed["legal-sign B-LT"], trust=[other])
    [signature] = report.signatures
    assert not report.valid
    assert signature.sub_indication == "NO_CERTIFICATE_CHAIN_FOUND"
    # The timestamp's TSA does not chain to that root either: no POE.
    assert signature.timestamp_time is None


async def test_unsigned_and_broken_documents(root_cert: x509.Certificate) -> None:
    unsigned = await verify_xml(b"<a>text</a>", trust=[root_cert])
    assert not unsigned.valid and unsigned.signatures == []
    broken = await verify_xml(b"<a><b></a>", trust=[root_cert])
    assert not broken.valid
    assert broken.signatures[0].sub_indication == "FORMAT_FAILURE"
    doctype = await verify_xml(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', trust=[root_cert])
    assert doctype.signatures[0].sub_indication == "FORMAT_FAILURE"
