"""NCA's real GOST material: certificates, CRLs, OCSP responses, a timestamp token.

Every signature is checked the way the verifier checks it (certvalidator's hook, our GOST
plug-in) and must fail after a one-byte change of the signed data or the signature.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from asn1crypto import core, crl, keys, ocsp, x509

from signing.cms.check import algorithm_findings, signature_findings
from signing.cms.parse import parse_cms
from signing.cms.parsed import ParsedCms
from signing.encoding import decode_one
from signing.policy import VerificationPolicy
from signing.result import Code
from signing.tokens import read_token
from signing.verify import Verifier
from tests.signing.gost_helpers import (
    AT_2022,
    AT_2026,
    CA,
    CRL,
    NCA_TEST,
    P12,
    REVOKED,
    ROOT,
    VALID,
    certificate,
    flip,
    registry,
    signature_holds,
    signer,
)

GOST_2004_CA = NCA_TEST / "nca_gost_test.crt"


def assert_signed_by(
    signed: core.Sequence, tbs_field: str, signature_field: str, key: keys.PublicKeyInfo
) -> None:
    """``signed``'s signature over its to-be-signed part holds for ``key``, and breaks when
    either the part or the signature is altered."""
    tbs = signed[tbs_field].dump()
    signature = bytes(signed[signature_field].native)
    algorithm = signed["signature_algorithm"]
    assert signature_holds(tbs, signature, key, algorithm)
    assert not signature_holds(flip(tbs), signature, key, algorithm)
    assert not signature_holds(tbs, flip(signature), key, algorithm)


def assert_certificate_signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> None:
    assert_signed_by(cert, "tbs_certificate", "signature_value", issuer.public_key)


def test_the_2015_chain_root_ca_and_all_twelve_keys() -> None:
    root, ca = certificate(ROOT), certificate(CA)
    assert ca.dump() == certificate(NCA_TEST / "nca_gost2015_test.cer").dump()
    assert_certificate_signed_by(root, root)
    assert_certificate_signed_by(ca, root)
    for path in sorted(P12.glob("*.p12")):
        assert_certificate_signed_by(signer(path.stem).certificate, ca)


def test_the_2004_chain_head_tsa_and_ocsp_responder() -> None:
    ca = certificate(GOST_2004_CA)
    assert_certificate_signed_by(certificate(NCA_TEST / "ceo_valid_sign_2004_gost.cer"), ca)
    token = read_token((NCA_TEST / "tsp_token.bin").read_bytes())
    assert_certificate_signed_by(x509.Certificate.load(token.cms.signer_cert_der), ca)


@pytest.mark.parametrize(
    ("path", "issuer"),
    [
        (CRL, CA),
        (NCA_TEST / "nca_gost2022_test.crl", CA),
        (NCA_TEST / "nca_gost_test.crl", GOST_2004_CA),
    ],
)
def test_crls_verify_against_their_issuers(path: Path, issuer: Path) -> None:
    parsed = crl.CertificateList.load(decode_one(path.read_bytes()))
    assert_signed_by(parsed, "tbs_cert_list", "signature", certificate(issuer).public_key)


@pytest.mark.parametrize(
    ("name", "issuer"),
    [
        ("ocsp_response_ceo_2015_revoked.bin", CA),
        ("ocsp_response_individual_2015.bin", CA),
        ("ocsp_response_ceo_sign_2004_revoked.bin", GOST_2004_CA),
        ("ocsp_response_individual_sign_2004.bin", NCA_TEST / "nca_rsa_test.crt"),
    ],
)
def test_ocsp_responses_verify_against_their_responders(name: str, issuer: Path) -> None:
    response = ocsp.OCSPResponse.load((NCA_TEST / name).read_bytes())
    basic = response["response_bytes"]["response"].parsed
    responder = basic["certs"][0]
    # NCA writes the no-check extension empty; it must still read as present.
    assert responder.ocsp_no_check_value is not None
    assert "ocsp_signing" in responder.extended_key_usage_value.native
    assert_certificate_signed_by(responder, certificate(issuer))
    assert_signed_by(basic, "tbs_response_data", "signature", responder.public_key)


def test_the_timestamp_token_verifies_as_a_gost_2004_cms() -> None:
    token = (NCA_TEST / "tsp_token.bin").read_bytes()
    info = read_token(token)
    assert info.cms.signature_algorithm["algorithm"].dotted == "1.2.398.3.10.1.1.1.2"
    assert info.cms.digest_oid == "1.2.398.3.10.1.3.1"
    tsa = x509.Certificate.load(info.cms.signer_cert_der)
    spki = bytes(tsa.public_key.dump())

    def findings(parsed: ParsedCms, content: bytes | None) -> list[tuple[Code, str]]:
        return signature_findings(parsed, content, None, spki, registry())

    assert algorithm_findings(info.cms, registry()) == []
    assert findings(info.cms, info.cms.content) == []
    assert info.cms.content is not None
    changed = flip(info.cms.content)
    other_content = parse_cms(token.replace(info.cms.content, changed))
    assert findings(other_content, changed)[0][0] is Code.SIGNATURE_INVALID
    forged = parse_cms(token.replace(info.cms.signature, flip(info.cms.signature)))
    assert findings(forged, info.cms.content)[0][0] is Code.SIGNATURE_INVALID


async def test_revoked_keys_are_revoked_by_the_crl_and_valid_ones_good() -> None:
    policy = VerificationPolicy(trust_anchors=(str(ROOT), str(CA)), offline=True, test_pki=True)
    crl_der = CRL.read_bytes()
    async with Verifier(policy) as verifier:
        for name in (*VALID, *REVOKED):
            result = await verifier.check_certificate(
                signer(name).pair.certificate_der, purpose=None, at=AT_2026, crls=[crl_der]
            )
            expected = Code.REVOKED if name in REVOKED else Code.OK
            assert result.code is expected, (name, result.message)
            assert result.revocation.source == "crl"
        # A CRL changed by one byte proves nothing: the status is unknown, not good.
        result = await verifier.check_certificate(
            signer(VALID[0]).pair.certificate_der, purpose=None, at=AT_2026, crls=[flip(crl_der)]
        )
        assert result.code is Code.REVOCATION_UNKNOWN


async def test_ceo_2004_gost_certificate_is_ok_in_2022_with_its_crl() -> None:
    policy = VerificationPolicy(trust_anchors=(str(GOST_2004_CA),), offline=True, test_pki=True)
    cert = (NCA_TEST / "ceo_valid_sign_2004_gost.cer").read_bytes()
    async with Verifier(policy) as verifier:
        result = await verifier.check_certificate(
            cert, at=AT_2022, crls=[(NCA_TEST / "nca_gost_test.crl").read_bytes()]
        )
        assert result.code is Code.OK, result.message
        assert result.identity is not None and result.identity.bin == "123456789021"
        assert result.revocation.status == "good"
        changed = flip(decode_one(cert), len(decode_one(cert)) - 10)  # in the signature
        broken = await verifier.check_certificate(
            changed, at=AT_2022, crls=[(NCA_TEST / "nca_gost_test.crl").read_bytes()]
        )
        assert broken.code is Code.UNTRUSTED


async def test_unknown_gost_parameters_are_unsupported_not_a_crash() -> None:
    der = decode_one(ROOT.read_bytes())
    curve_oid = core.ObjectIdentifier("1.2.398.3.10.1.1.2.2.1").dump()
    assert curve_oid in der
    other = der.replace(curve_oid, core.ObjectIdentifier("1.2.398.3.10.1.1.2.2.9").dump())
    policy = VerificationPolicy(trust_anchors=(str(ROOT),), offline=True, test_pki=True)
    async with Verifier(policy) as verifier:
        result = await verifier.check_certificate(other, purpose=None, at=AT_2026)
    assert result.code is Code.UNSUPPORTED_ALGORITHM, result.message
