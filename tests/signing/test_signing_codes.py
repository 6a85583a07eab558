"""Every result code, produced by real certificates of the local test PKI over real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec

from signing.policy import VerificationPolicy
from signing.result import CODE_ORDER, Code
from signing.verify import Verifier
from testkit.pki.server import BuiltPki
from testkit.pki.sign import sign_cms
from tests.signing.signing_helpers import DOCUMENT, cert_of, key_of, signed_by


async def test_individual_signing_certificate_is_ok(pki: BuiltPki, verifier: Verifier) -> None:
    result = await verifier.check_certificate(
        pki.cert_der("individual-sign"), expect_iin="871008401427"
    )
    assert result.code is Code.OK and result.valid
    assert result.identity is not None
    assert result.identity.iin == "871008401427"
    assert result.identity.subject_kind == "individual"
    assert result.identity.key_purpose == "sign"
    assert result.identity.roles == ("individual",)
    assert result.revocation.status == "good"
    assert result.revocation.source in ("crl", "ocsp")
    assert [entry.subject.split(", ")[-1] for entry in result.chain][-1].startswith("CN=НЕГІЗГІ")
    assert len(result.chain) == 3


async def test_legal_entity_and_ecdsa_are_ok(pki: BuiltPki, verifier: Verifier) -> None:
    legal = await verifier.check_certificate(pki.cert_der("legal-sign"), expect_bin="940140000385")
    assert legal.code is Code.OK
    assert legal.identity is not None and legal.identity.subject_kind == "legal_entity"
    assert legal.identity.roles == ("organization", "first_head")
    ec = await verifier.check_certificate(pki.cert_der("individual-ec"))
    assert ec.code is Code.OK


async def test_malformed_certificate(verifier: Verifier) -> None:
    result = await verifier.check_certificate(b"\x30\x03\x02\x01\x01")
    assert result.code is Code.MALFORMED and not result.valid
    garbage = await verifier.check_certificate(b"definitely not a certificate")
    assert garbage.code is Code.MALFORMED


async def test_malformed_signature(verifier: Verifier) -> None:
    result = await verifier.verify_cms(b"\x30\x82\x00\x10garbage", DOCUMENT)
    assert result.code is Code.MALFORMED


async def test_unsupported_algorithm(pki: BuiltPki, verifier: Verifier) -> None:
    result = await verifier.check_certificate(pki.cert_der("dsa-leaf"))
    assert result.code is Code.UNSUPPORTED_ALGORITHM
    assert result.identity is not None and result.identity.iin == "871008401427"


async def test_weak_algorithms(pki: BuiltPki, verifier: Verifier) -> None:
    assert (await verifier.check_certificate(pki.cert_der("weak-hash"))).code is Code.WEAK_ALGORITHM
    assert (await verifier.check_certificate(pki.cert_der("weak-key"))).code is Code.WEAK_ALGORITHM
    sha1_cms = signed_by(pki, "individual-sign", digest="sha1")
    assert (await verifier.verify_cms(sha1_cms, DOCUMENT)).code is Code.WEAK_ALGORITHM


async def test_untrusted(pki: BuiltPki, verifier: Verifier) -> None:
    unknown = await verifier.check_certificate(pki.cert_der("unknown-leaf"))
    assert unknown.code is Code.UNTRUSTED
    forged = await verifier.check_certificate(pki.cert_der("forged-leaf"))
    assert forged.code is Code.UNTRUSTED
    async with Verifier(VerificationPolicy()) as no_anchors:
        nothing = await no_anchors.check_certificate(pki.cert_der("individual-sign"))
    assert nothing.code is Code.UNTRUSTED


async def test_expired_and_not_yet_valid(pki: BuiltPki, verifier: Verifier) -> None:
    assert (await verifier.check_certificate(pki.cert_der("expired"))).code is Code.EXPIRED
    assert (
        await verifier.check_certificate(pki.cert_der("not-yet-valid"))
    ).code is Code.NOT_YET_VALID


async def test_revoked_on_crl(pki: BuiltPki, policy: VerificationPolicy) -> None:
    crl_only = msgspec.structs.replace(policy, use_ocsp=False)
    async with Verifier(crl_only) as verifier:
        result = await verifier.check_certificate(pki.cert_der("revoked-crl"))
    assert result.code is Code.REVOKED
    assert result.revocation.source == "crl"
    assert result.revocation.reason == "key_compromise"
    assert result.revocation.revoked_at is not None


async def test_revoked_only_in_ocsp(pki: BuiltPki, policy: VerificationPolicy) -> None:
    crl_only = msgspec.structs.replace(policy, use_ocsp=False)
    async with Verifier(crl_only) as verifier:
        on_crl = await verifier.check_certificate(pki.cert_der("revoked-ocsp"))
    # The current CRL predates the revocation: it alone says "good"...
    assert on_crl.code is Code.OK and on_crl.revocation.source == "crl"
    async with Verifier(policy) as verifier:
        both = await verifier.check_certificate(pki.cert_der("revoked-ocsp"))
    # ...but both sources are consulted and the revocation in OCSP wins.
    assert both.code is Code.REVOKED
    assert both.revocation.source == "ocsp"
    assert both.revocation.reason == "superseded"


async def test_revoked_intermediate(pki: BuiltPki, verifier: Verifier) -> None:
    result = await verifier.check_certificate(pki.cert_der("revoked-ca-leaf"))
    assert result.code is Code.REVOKED
    assert result.revocation.subject is not None and "REVOKED" in result.revocation.subject
    assert result.revocation.reason == "ca_compromise"


async def test_revocation_unknown_hard_and_soft(pki: BuiltPki, policy: VerificationPolicy) -> None:
    async with Verifier(policy) as verifier:
        hard = await verifier.check_certificate(pki.cert_der("unreachable"))
    assert hard.code is Code.REVOCATION_UNKNOWN
    soft_policy = msgspec.structs.replace(policy, revocation_mode="soft")
    async with Verifier(soft_policy) as verifier:
        soft = await verifier.check_certificate(pki.cert_der("unreachable"))
    assert soft.code is Code.OK and soft.revocation.status == "unknown"
    assert "revocation" in soft.message


async def test_signature_invalid(pki: BuiltPki, verifier: Verifier) -> None:
    signature = signed_by(pki, "individual-sign")
    tampered = await verifier.verify_cms(signature, DOCUMENT + b" ")
    assert tampered.code is Code.SIGNATURE_INVALID
    other = cert_of(pki, "individual-auth")
    substituted = sign_cms(
        DOCUMENT,
        cert_of(pki, "individual-sign"),
        key_of(pki, "individual-sign"),
        signing_certificate=other,
    )
    assert (await verifier.verify_cms(substituted, DOCUMENT)).code is Code.SIGNATURE_INVALID


async def test_wrong_key_usage(pki: BuiltPki, verifier: Verifier) -> None:
    auth_signed = signed_by(pki, "individual-auth")
    result = await verifier.verify_cms(auth_signed, DOCUMENT)
    assert result.code is Code.WRONG_KEY_USAGE
    as_auth = await verifier.check_certificate(pki.cert_der("individual-auth"), purpose="auth")
    assert as_auth.code is Code.OK
    sign_as_auth = await verifier.check_certificate(pki.cert_der("individual-sign"), purpose="auth")
    assert sign_as_auth.code is Code.WRONG_KEY_USAGE


async def test_invalid_iin_and_test_pki(pki: BuiltPki, policy: VerificationPolicy) -> None:
    async with Verifier(policy) as verifier:
        strict = await verifier.check_certificate(pki.cert_der("bad-iin"))
        declared = await verifier.check_certificate(
            pki.cert_der("individual-sign"), expect_iin="871008401428"
        )
    assert strict.code is Code.INVALID_IIN
    assert declared.code is Code.INVALID_IIN
    async with Verifier(msgspec.structs.replace(policy, test_pki=True)) as verifier:
        relaxed = await verifier.check_certificate(
            pki.cert_der("bad-iin"), expect_iin="123456789011"
        )
    assert relaxed.code is Code.OK


async def test_invalid_bin(pki: BuiltPki, verifier: Verifier) -> None:
    result = await verifier.check_certificate(pki.cert_der("bad-bin"))
    assert result.code is Code.INVALID_BIN


async def test_iin_and_bin_mismatch(pki: BuiltPki, verifier: Verifier) -> None:
    signature = signed_by(pki, "individual-sign")
    iin = await verifier.verify_cms(signature, DOCUMENT, expect_iin="760212350620")
    assert iin.code is Code.IIN_MISMATCH
    no_bin = await verifier.verify_cms(signature, DOCUMENT, expect_bin="940140000385")
    assert no_bin.code is Code.BIN_MISMATCH
    legal = signed_by(pki, "legal-sign")
    ok = await verifier.verify_cms(
        legal, DOCUMENT, expect_iin="760212350620", expect_bin="940140000385"
    )
    assert ok.code is Code.OK
    other_bin = "970340000000"  # valid checksum and structure, another organisation
    wrong = await verifier.verify_cms(legal, DOCUMENT, expect_bin=other_bin)
    assert wrong.code is Code.BIN_MISMATCH


async def test_first_failing_check_wins(pki: BuiltPki, verifier: Verifier) -> None:
    # expired *and* signed with the wrong document: expired comes first in the order
    expired = signed_by(pki, "expired")
    result = await verifier.verify_cms(expired, DOCUMENT + b"x")
    assert result.code is Code.EXPIRED
    # authentication key *and* wrong IIN declared: wrong_key_usage comes first
    auth = signed_by(pki, "individual-auth")
    second = await verifier.verify_cms(auth, DOCUMENT, expect_iin="760212350620")
    assert second.code is Code.WRONG_KEY_USAGE
    assert CODE_ORDER.index(Code.EXPIRED) < CODE_ORDER.index(Code.SIGNATURE_INVALID)


async def test_explicit_validation_time(pki: BuiltPki, verifier: Verifier) -> None:
    # At a time inside the expired certificate's validity it is not "expired".
    past = datetime.now(UTC) - timedelta(days=10)
    result = await verifier.check_certificate(pki.cert_der("expired"), at=past)
    assert result.code is not Code.EXPIRED
    assert result.validation_time == past
