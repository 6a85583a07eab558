"""Interoperability with real NCA RK test-PKI material (tests/signing/interop/nca-test)."""

from __future__ import annotations

from datetime import UTC, datetime

from asn1crypto import pem, x509

from signing.identity import read_identity
from signing.policy import VerificationPolicy
from signing.result import Code, VerificationResult
from signing.revocation import read_ocsp_response
from signing.verify import Verifier
from tests.signing.signing_helpers import INTEROP

AT = datetime(2022, 6, 1, tzinfo=UTC)


def read(name: str) -> bytes:
    return (INTEROP / name).read_bytes()


def policy(test_pki: bool = True) -> VerificationPolicy:
    return VerificationPolicy(
        trust_anchors=(str(INTEROP / "nca_rsa_test.crt"),), offline=True, test_pki=test_pki
    )


async def check(
    name: str, *, test_pki: bool = True, purpose: str = "sign", at: datetime | None = AT
) -> VerificationResult:
    async with Verifier(policy(test_pki)) as verifier:
        return await verifier.check_certificate(
            read(name),
            purpose="auth" if purpose == "auth" else "sign",
            at=at,
            crls=[read("nca_rsa_test.crl")],
        )


async def test_individual_signing_certificate_valid_in_2022() -> None:
    result = await check("individual_valid_sign_2004_rsa.cer")
    assert result.code is Code.OK, result.message
    assert result.identity is not None
    assert result.identity.iin == "123456789011"
    assert result.identity.subject_kind == "individual"
    assert result.identity.key_purpose == "sign"
    assert result.revocation.status == "good" and result.revocation.source == "crl"


async def test_authentication_certificate_is_not_for_signing() -> None:
    assert (await check("individual_valid_sign_2004_rsa_auth.cer")).code is Code.WRONG_KEY_USAGE
    assert (await check("individual_valid_sign_2004_rsa_auth.cer", purpose="auth")).code is Code.OK


async def test_both_expired_today() -> None:
    for name in ("individual_valid_sign_2004_rsa.cer", "individual_valid_sign_2004_rsa_auth.cer"):
        assert (await check(name, at=None)).code is Code.EXPIRED


async def test_test_iin_rejected_without_test_pki_setting() -> None:
    assert (
        await check("individual_valid_sign_2004_rsa.cer", test_pki=False)
    ).code is Code.INVALID_IIN


async def test_gost_certificate_identity_parses_and_needs_its_own_anchor() -> None:
    data = read("ceo_valid_sign_2004_gost.cer")
    identity = read_identity(x509.Certificate.load(pem.unarmor(data)[2]))
    assert identity.iin == "123456789011"
    assert identity.bin == "123456789021"
    assert identity.subject_kind == "legal_entity"
    assert identity.roles == ("organization", "first_head")
    # Verified since issue 15 (tests/signing/test_signing_gost_interop.py), but the RSA CA is
    # not its issuer.
    result = await check("ceo_valid_sign_2004_gost.cer")
    assert result.code is Code.UNTRUSTED
    assert result.identity == identity


def test_saved_ocsp_responses() -> None:
    good = read_ocsp_response(read("ocsp_response_individual_sign_2004.bin"))
    assert good.response_status == "successful" and good.cert_status == "good"
    assert good.serial == "4279390A141F5353A62947B61ED65E81741467D1"
    revoked = read_ocsp_response(read("ocsp_response_ceo_sign_2004_revoked.bin"))
    assert revoked.cert_status == "revoked"
    assert revoked.reason == "superseded"
    assert revoked.revoked_at == datetime(2022, 1, 18, 6, 30, 55, tzinfo=UTC)
    hold = read_ocsp_response(read("ocsp_response_ceo_2015_revoked.bin"))
    assert hold.cert_status == "revoked" and hold.reason == "certificate_hold"
