"""Shape of what sign_xades produces, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from asn1crypto import x509
from cryptography.hazmat.primitives.asymmetric import ec
from lxml import etree

from signing.keys.pem import PemKey
from signing.keys.rsa_adapter import KeyBackedRSAPrivateKey
from signing.xades import XadesSigner, XadesSignError, sign_xades, verify_xml
from signing.xades.names import NS
from signing.xmldsig import safe_parser
from testkit.pki.config import LEAF_KEYS
from testkit.pki.keys import load_private_key
from testkit.pki.server import BuiltPki
from tests.signing.xades.xades_helpers import DOCUMENT, chain_of, key_of, xmlsec1_verify


def _root(document: bytes) -> etree._Element:
    return etree.fromstring(document, parser=safe_parser())


def test_document_reference_is_the_whole_document(signed: dict[str, bytes]) -> None:
    """URI="" with the enveloped transform, although the root carries an Id attribute."""
    root = _root(signed["legal-sign B-B"])
    assert root.get("Id") == "result-1"
    references = root.findall(".//ds:SignedInfo/ds:Reference", NS)
    assert len(references) == 3
    assert references[0].get("URI") == ""
    for reference in references:
        # Every reference names its canonicalisation: no verifier default decides.
        algorithms = [t.get("Algorithm") for t in reference.iterfind(".//ds:Transform", NS)]
        assert "http://www.w3.org/2001/10/xml-exc-c14n#" in algorithms
    assert root.find(".//ds:KeyInfo/ds:KeyValue", NS) is None


def test_levels_add_the_unsigned_properties(signed: dict[str, bytes]) -> None:
    unsigned = "xades:UnsignedProperties/xades:UnsignedSignatureProperties"
    base = ".//xades:QualifyingProperties/"
    assert _root(signed["legal-sign B-B"]).find(base + "xades:UnsignedProperties", NS) is None
    b_t = _root(signed["legal-sign B-T"]).find(base + unsigned, NS)
    assert b_t is not None
    assert [etree.QName(e).localname for e in b_t] == ["SignatureTimeStamp"]
    b_lt = _root(signed["legal-sign B-LT"]).find(base + unsigned, NS)
    assert b_lt is not None
    assert [etree.QName(e).localname for e in b_lt] == [
        "SignatureTimeStamp",
        "CertificateValues",
        "RevocationValues",
    ]
    assert len(b_lt.findall("xades:CertificateValues/xades:EncapsulatedX509Certificate", NS)) >= 3
    assert b_lt.findall("xades:RevocationValues/xades:CRLValues/xades:EncapsulatedCRLValue", NS)
    assert b_lt.findall("xades:RevocationValues/xades:OCSPValues/xades:EncapsulatedOCSPValue", NS)


def test_the_document_content_is_unchanged(signed: dict[str, bytes]) -> None:
    root = _root(signed["legal-sign B-LT"])
    for signature in root.findall("ds:Signature", NS):
        root.remove(signature)
    original = _root(DOCUMENT)
    assert etree.tostring(root, method="c14n") == etree.tostring(original, method="c14n")


async def test_key_store_adapter_signs(
    pki: BuiltPki, xades_signer: XadesSigner, root_cert: x509.Certificate
) -> None:
    """Keys from signing.keys (HSM or PEM) come as a cryptography RSAPrivateKey facade."""
    chain = chain_of(pki, "legal-sign")
    store_key = PemKey(key_of(pki, "legal-sign"), chain[0], tuple(chain[1:]))
    document = await xades_signer.sign(
        DOCUMENT,
        key=KeyBackedRSAPrivateKey(store_key),
        chain=chain,
        level="B-T",
        tsa_url=pki.tsa_url(),
    )
    report = await verify_xml(document, trust=[root_cert])
    assert report.valid and report.signatures[0].level == "B-T"


async def test_one_off_signing_without_a_signer(pki: BuiltPki, root_cert: x509.Certificate) -> None:
    document = await sign_xades(
        DOCUMENT,
        key=key_of(pki, "legal-sign"),
        chain=chain_of(pki, "legal-sign"),
        level="B-LT",
        tsa_url=pki.tsa_url(),
    )
    report = await verify_xml(document, trust=[root_cert], allow_fetching=False)
    assert report.valid and report.signatures[0].level == "B-LT"


async def test_refusals(pki: BuiltPki, xades_signer: XadesSigner, signed: dict[str, bytes]) -> None:
    key, chain = key_of(pki, "legal-sign"), chain_of(pki, "legal-sign")
    with pytest.raises(XadesSignError, match="tsa_url"):
        await xades_signer.sign(DOCUMENT, key=key, chain=chain, level="B-T")
    with pytest.raises(XadesSignError, match="DOCTYPE"):
        await xades_signer.sign(
            b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', key=key, chain=chain, level="B-B"
        )
    with pytest.raises(XadesSignError, match="already"):
        await xades_signer.sign(signed["legal-sign B-B"], key=key, chain=chain, level="B-B")
    with pytest.raises(XadesSignError, match="TSA"):
        await xades_signer.sign(DOCUMENT, key=key, chain=chain, level="B-T", tsa_url=pki.crl_url())


async def test_b_lt_needs_revocation_data(pki: BuiltPki, xades_signer: XadesSigner) -> None:
    """A chain whose CRL and OCSP cannot be reached cannot make a B-LT document."""
    chain = [x509.Certificate.load(pki.cert_der(label)) for label in ("unreachable", "nca")]
    with pytest.raises(XadesSignError, match="B-LT"):
        await xades_signer.sign(
            DOCUMENT,
            key=key_of(pki, "unreachable"),
            chain=chain,
            level="B-LT",
            tsa_url=pki.tsa_url(),
        )


async def test_ecdsa_signer(
    pki: BuiltPki, xades_signer: XadesSigner, root_cert: x509.Certificate, tmp_path: Path
) -> None:
    chain = [x509.Certificate.load(pki.cert_der(label)) for label in ("individual-ec", "nca")]
    key = load_private_key(pki.directory, LEAF_KEYS["individual-ec"])
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    document = await xades_signer.sign(
        DOCUMENT, key=key, chain=chain, level="B-T", tsa_url=pki.tsa_url()
    )
    method = _root(document).find(".//ds:SignatureMethod", NS)
    assert method is not None
    assert method.get("Algorithm") == "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
    report = await verify_xml(document, trust=[root_cert])
    assert report.valid and report.signatures[0].level == "B-T"
    path = tmp_path / "ec.xml"
    path.write_bytes(document)
    assert xmlsec1_verify(path, pki.trust_dir / "root.pem").returncode == 0
