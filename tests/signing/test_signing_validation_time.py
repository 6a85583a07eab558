"""``validation_time=signing_time``: a time a trusted timestamp proves, never the signer's claim.

The signing-time attribute is written by the signer: a certificate revoked two days ago (or
expired) must not pass because its CMS claims an earlier signing-time.  A signature-timestamp
token (the unsigned attribute id-aa-signatureTimeStampToken) from the test PKI's TSA, over this
signature value, does move the validation time to its genTime.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import msgspec
from asn1crypto import cms, tsp
from certomancer.registry import CertLabel, KeyLabel
from certomancer.services import TimeStamper

from signing.policy import VerificationPolicy
from signing.result import Code
from signing.verify import Verifier
from testkit.pki.server import BuiltPki
from tests.signing.signing_helpers import DOCUMENT, signed_by


def _token(pki: BuiltPki, stamped: bytes, gen_time: datetime) -> cms.ContentInfo:
    """A token of the test PKI's TSA (its own key and certificate) at ``gen_time``."""
    arch = pki.arch
    stamper = TimeStamper(
        tsa_cert=arch.get_cert(CertLabel("tsa")),
        tsa_key=arch.key_set.get_private_key(KeyLabel("tsa")),
        certs_to_embed=[arch.get_cert(CertLabel("nca"))],
        fixed_dt=gen_time,
    )
    request = tsp.TimeStampReq(
        {
            "version": 1,
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": hashlib.sha256(stamped).digest(),
            },
            "cert_req": True,
        }
    )
    token: cms.ContentInfo = stamper.request_tsa_response(request)["time_stamp_token"]
    return token


def _with_token(signature: bytes, token: cms.ContentInfo) -> bytes:
    info = cms.ContentInfo.load(signature)
    signer = info["content"]["signer_infos"][0]
    signer["unsigned_attrs"] = cms.CMSAttributes(
        [{"type": "signature_time_stamp_token", "values": [token]}]
    )
    return bytes(info.dump(force=True))


def _signature_value(signature: bytes) -> bytes:
    info = cms.ContentInfo.load(signature)
    return bytes(info["content"]["signer_infos"][0]["signature"].native)


async def _verify(policy: VerificationPolicy, signature: bytes) -> tuple[Code, datetime | None]:
    at_signing = msgspec.structs.replace(policy, validation_time="signing_time")
    async with Verifier(at_signing) as verifier:
        result = await verifier.verify_cms(signature, DOCUMENT)
    return result.code, result.validation_time


async def test_claimed_signing_time_does_not_rescue_revoked_or_expired(
    pki: BuiltPki, policy: VerificationPolicy
) -> None:
    claimed = datetime.now(UTC).replace(microsecond=0) - timedelta(days=5)
    # revoked two days ago (on the current CRL), but "signed" five days ago by its own word
    revoked = signed_by(pki, "revoked-crl", signing_time=claimed)
    code, moment = await _verify(policy, revoked)
    assert code is Code.REVOKED
    assert moment is not None and moment > claimed + timedelta(days=4)
    # expired two days ago, "signed" five days ago
    expired = signed_by(pki, "expired", signing_time=claimed)
    assert (await _verify(policy, expired))[0] is Code.EXPIRED


async def test_a_trusted_signature_timestamp_proves_the_time(
    pki: BuiltPki, policy: VerificationPolicy
) -> None:
    then = datetime.now(UTC).replace(microsecond=0) - timedelta(days=5)
    signature = signed_by(pki, "revoked-crl", signing_time=then)
    stamped = _with_token(signature, _token(pki, _signature_value(signature), then))
    code, moment = await _verify(policy, stamped)
    assert code is Code.OK and moment == then
    # a token over some other signature value proves nothing about this one
    elsewhere = _with_token(signature, _token(pki, b"another signature", then))
    assert (await _verify(policy, elsewhere))[0] is Code.REVOKED
    # and "now" mode ignores timestamps altogether
    async with Verifier(policy) as verifier:
        assert (await verifier.verify_cms(stamped, DOCUMENT)).code is Code.REVOKED
