"""CMS (detached/attached, encodings, attributes, plug-ins) and XMLDSig on the local PKI."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
from asn1crypto import pem
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa

from signing.cms.parse import parse_cms, signed_content
from signing.policy import VerificationPolicy
from signing.result import Code
from signing.verify import Verifier
from testkit.pki.server import BuiltPki
from testkit.pki.sign import sign_cms, sign_xml
from tests.signing.signing_helpers import DOCUMENT, cert_of, key_of, signed_by


async def test_detached_attached_and_encodings(pki: BuiltPki, verifier: Verifier) -> None:
    detached = signed_by(pki, "individual-sign")
    attached = signed_by(pki, "individual-sign", detached=False)
    assert (await verifier.verify_cms_detached(DOCUMENT, detached)).code is Code.OK
    result = await verifier.verify_cms_attached(attached)
    assert result.code is Code.OK and result.kind == "cms_attached"
    assert signed_content(attached) == DOCUMENT
    as_pem = pem.armor("CMS", detached)
    as_b64 = base64.b64encode(detached)
    assert (await verifier.verify_cms(as_pem, DOCUMENT)).code is Code.OK
    assert (await verifier.verify_cms(as_b64, DOCUMENT)).code is Code.OK
    # an attached signature checked against a different "document" is not valid
    assert (await verifier.verify_cms(attached, b"other")).code is Code.SIGNATURE_INVALID
    # detached without the document: nothing to verify against
    assert (await verifier.verify_cms(detached)).code is Code.MALFORMED


async def test_signed_attributes_are_read(pki: BuiltPki) -> None:
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    parsed = parse_cms(signed_by(pki, "individual-sign", signing_time=moment))
    assert parsed.signing_time == moment
    assert parsed.content_type_attr == "1.2.840.113549.1.7.1"
    assert parsed.ess_cert_ids and parsed.ess_cert_ids[0][0] == "sha256"
    assert parsed.signer_cert_der == pki.cert_der("individual-sign")


async def test_without_signed_attributes(pki: BuiltPki, verifier: Verifier) -> None:
    plain = signed_by(pki, "individual-sign", signed_attributes=False)
    assert (await verifier.verify_cms(plain, DOCUMENT)).code is Code.OK
    assert (await verifier.verify_cms(plain, DOCUMENT + b"!")).code is Code.SIGNATURE_INVALID


async def test_ecdsa_signature(pki: BuiltPki, verifier: Verifier) -> None:
    signature = signed_by(pki, "individual-ec")
    assert (await verifier.verify_cms(signature, DOCUMENT)).code is Code.OK
    assert (await verifier.verify_cms(signature, b"x")).code is Code.SIGNATURE_INVALID


async def test_signer_certificate_must_be_included(pki: BuiltPki, verifier: Verifier) -> None:
    from asn1crypto import cms

    info = cms.ContentInfo.load(signed_by(pki, "individual-sign"))
    info["content"]["certificates"] = [cert_of(pki, "legal-sign")]
    result = await verifier.verify_cms(info.dump(force=True), DOCUMENT)
    assert result.code is Code.MALFORMED


class DsaPlugin:
    """A stand-in for a national-algorithm plug-in: verifies DSA, which we do not by default."""

    def handles(self, oid: str) -> bool:
        return oid in {"1.2.840.10040.4.1", "2.16.840.1.101.3.4.3.2"}

    def digest(self, digest_oid: str, data: bytes) -> bytes:
        raise AssertionError("not used")

    def verify(self, spki_der: bytes, signature_oid: str, message: bytes, signature: bytes) -> bool:
        key = serialization.load_der_public_key(spki_der)
        assert isinstance(key, dsa.DSAPublicKey)
        try:
            key.verify(signature, message, hashes.SHA256())
        except InvalidSignature:
            return False
        return True


async def test_algorithm_plugin_makes_unsupported_key_verifiable(
    pki: BuiltPki, policy: VerificationPolicy
) -> None:
    from testkit.pki.keys import load_private_key

    key = load_private_key(pki.directory, "dsa")
    assert isinstance(key, dsa.DSAPrivateKey)
    cert = cert_of(pki, "dsa-leaf")
    async with Verifier(policy) as plain:
        assert (
            await plain.check_certificate(pki.cert_der("dsa-leaf"))
        ).code is Code.UNSUPPORTED_ALGORITHM
    async with Verifier(policy, plugins=[DsaPlugin()]) as plugged:
        result = await plugged.check_certificate(pki.cert_der("dsa-leaf"))
        assert result.code is Code.OK
        # A CMS signed with the DSA key: signature algorithm dsa_with_sha256 goes to the plug-in.
        from asn1crypto import cms

        info = cms.ContentInfo.load(sign_cms(DOCUMENT, cert, key_of(pki, "individual-sign")))
        signer = info["content"]["signer_infos"][0]
        attrs = signer["signed_attrs"].dump()
        signer["signature"] = key.sign(b"\x31" + attrs[1:], hashes.SHA256())
        signer["signature_algorithm"] = {"algorithm": "sha256_dsa"}
        cms_der = info.dump(force=True)
        assert (await plugged.verify_cms(cms_der, DOCUMENT)).code is Code.OK
        assert (await plugged.verify_cms(cms_der, DOCUMENT + b"?")).code is Code.SIGNATURE_INVALID


XML = (
    b'<request xmlns="urn:qaqpa:test"><iin>871008401427</iin><service>residence</service></request>'
)


async def test_xmldsig(pki: BuiltPki, verifier: Verifier) -> None:
    signed = sign_xml(
        XML, pki.cert_path("individual-sign").read_bytes(), key_of(pki, "individual-sign")
    )
    result = await verifier.verify_xml(signed, expect_iin="871008401427")
    assert result.code is Code.OK and result.kind == "xmldsig"
    tampered = signed.replace(b"residence", b"pension")
    assert (await verifier.verify_xml(tampered)).code is Code.SIGNATURE_INVALID
    assert (await verifier.verify_xml(signed, expect_iin="760212350620")).code is Code.IIN_MISMATCH
    auth = sign_xml(
        XML, pki.cert_path("individual-auth").read_bytes(), key_of(pki, "individual-auth")
    )
    assert (await verifier.verify_xml(auth)).code is Code.WRONG_KEY_USAGE


async def test_xmldsig_returns_what_the_signature_covers(pki: BuiltPki, verifier: Verifier) -> None:
    signed = sign_xml(
        XML, pki.cert_path("individual-sign").read_bytes(), key_of(pki, "individual-sign")
    )
    # Canonical XML drops comments: the split text still verifies, and what the verifier
    # returns is the signed content, whole, not the submitted text before the comment.
    split = signed.replace(b"residence", b"resi<!-- pension -->dence")
    result, covered = await verifier.verify_xml_signed(split, expect_iin="871008401427")
    assert result.valid
    assert covered is not None
    assert covered.findtext("{urn:qaqpa:test}service") == "residence"
    assert covered.find(".//{http://www.w3.org/2000/09/xmldsig#}Signature") is None
    tampered = signed.replace(b"residence", b"pension")
    invalid, nothing = await verifier.verify_xml_signed(tampered)
    assert (invalid.code, nothing) == (Code.SIGNATURE_INVALID, None)
    wrong_person, nothing = await verifier.verify_xml_signed(signed, expect_iin="760212350620")
    assert (wrong_person.code, nothing) == (Code.IIN_MISMATCH, None)


async def test_xml_weak_algorithm(pki: BuiltPki, verifier: Verifier) -> None:
    # signxml refuses to produce SHA-1 signatures, so relabel a SHA-256 one: the algorithm
    # policy must reject it before any cryptography happens.
    signed = sign_xml(
        XML, pki.cert_path("individual-sign").read_bytes(), key_of(pki, "individual-sign")
    )
    weak = signed.replace(
        b"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        b"http://www.w3.org/2000/09/xmldsig#rsa-sha1",
    )
    assert (await verifier.verify_xml(weak)).code is Code.WEAK_ALGORITHM
    gost = signed.replace(
        b"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        b"urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512",
    )
    assert (await verifier.verify_xml(gost)).code is Code.UNSUPPORTED_ALGORITHM


async def test_xml_parser_refuses_entities_and_dtds(pki: BuiltPki, verifier: Verifier) -> None:
    signed = sign_xml(
        XML, pki.cert_path("individual-sign").read_bytes(), key_of(pki, "individual-sign")
    )
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        + signed.replace(b"<iin>", b"<iin>&b;")
    )
    assert (await verifier.verify_xml(bomb)).code is Code.MALFORMED
    external = b'<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd">' + signed
    assert (await verifier.verify_xml(external)).code is Code.MALFORMED
    assert (await verifier.verify_xml(b"<not-closed>")).code is Code.MALFORMED
    assert (await verifier.verify_xml(XML)).code is Code.MALFORMED  # no signature at all


@pytest.mark.parametrize("label", ["weak-key", "weak-hash"])
async def test_cms_from_a_weak_certificate_is_weak_not_unsupported(
    pki: BuiltPki, verifier: Verifier, label: str
) -> None:
    # The certificate verdict comes before its key is loaded: no signature check may follow.
    result = await verifier.verify_cms_detached(DOCUMENT, signed_by(pki, label))
    assert result.code is Code.WEAK_ALGORITHM
