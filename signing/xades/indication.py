"""ETSI EN 319 102-1 indications for an XML signature, from what the checks found.

Precedence: the signature's own failures (FORMAT_FAILURE, HASH_FAILURE, SIG_CRYPTO_FAILURE:
TOTAL-FAILED) come before anything about the certificate, which is INDETERMINATE unless a
proof of existence settles it:

* signer's certificate revoked -- **TOTAL-FAILED/REVOKED** when a valid signature timestamp
  (a POE) *and* the signed ``xades:SigningTime`` both lie after the revocation time: the
  signature provably did not exist before it and the signer says it was made after it.
  Without such a POE (B-B, or a signer claiming an earlier time) the order cannot be
  ascertained: **INDETERMINATE/REVOKED_NO_POE**; a revoked CA: REVOKED_CA_NO_POE.
  (The certificate is checked at the timestamp's time, so a revocation *after* the POE
  leaves a B-T/B-LT signature TOTAL-PASSED, which is the point of the timestamp.)
* no revocation answer -- INDETERMINATE/TRY_LATER; expired or not yet valid --
  INDETERMINATE/OUT_OF_BOUNDS_NO_POE; no path to the anchors -- NO_CERTIFICATE_CHAIN_FOUND;
  a weak or unknown algorithm -- CRYPTO_CONSTRAINTS_FAILURE_NO_POE; a certificate not meant
  for signing or with broken IIN/BIN -- CHAIN_CONSTRAINTS_FAILURE.
"""

from __future__ import annotations

from datetime import datetime

from signing.report import Indication
from signing.result import Code, VerificationResult

SIGNATURE_INDICATIONS: dict[str, Indication] = {
    "FORMAT_FAILURE": "TOTAL-FAILED",
    "HASH_FAILURE": "TOTAL-FAILED",
    "SIG_CRYPTO_FAILURE": "TOTAL-FAILED",
    "NO_SIGNING_CERTIFICATE_FOUND": "INDETERMINATE",
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": "INDETERMINATE",
}

_CERTIFICATE_SUBS: dict[Code, str] = {
    Code.MALFORMED: "NO_SIGNING_CERTIFICATE_FOUND",
    Code.UNSUPPORTED_ALGORITHM: "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
    Code.WEAK_ALGORITHM: "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
    Code.UNTRUSTED: "NO_CERTIFICATE_CHAIN_FOUND",
    Code.EXPIRED: "OUT_OF_BOUNDS_NO_POE",
    Code.NOT_YET_VALID: "OUT_OF_BOUNDS_NO_POE",
    Code.REVOCATION_UNKNOWN: "TRY_LATER",
    Code.SIGNATURE_INVALID: "SIG_CRYPTO_FAILURE",
    Code.WRONG_KEY_USAGE: "CHAIN_CONSTRAINTS_FAILURE",
    Code.INVALID_IIN: "CHAIN_CONSTRAINTS_FAILURE",
    Code.INVALID_BIN: "CHAIN_CONSTRAINTS_FAILURE",
    Code.IIN_MISMATCH: "CHAIN_CONSTRAINTS_FAILURE",
    Code.BIN_MISMATCH: "CHAIN_CONSTRAINTS_FAILURE",
}


def _revoked(
    result: VerificationResult, poe: datetime | None, claimed: datetime | None
) -> tuple[Indication, str]:
    revocation = result.revocation
    if (
        revocation.subject is not None
        and result.chain
        and revocation.subject != (result.chain[0].subject)
    ):
        return "INDETERMINATE", "REVOKED_CA_NO_POE"
    revoked_at = revocation.revoked_at
    if (
        revoked_at is not None
        and poe is not None
        and claimed is not None
        and revoked_at < poe
        and revoked_at < claimed
    ):
        return "TOTAL-FAILED", "REVOKED"
    return "INDETERMINATE", "REVOKED_NO_POE"


def certificate_indication(
    result: VerificationResult, *, poe: datetime | None, claimed: datetime | None
) -> tuple[Indication, str | None]:
    """Indication for the signer's certificate verdict (``poe``: a valid timestamp's time)."""
    if result.code is Code.REVOKED:
        return _revoked(result, poe, claimed)
    if result.code is Code.OK:
        if result.revocation.status == "unknown":
            return "INDETERMINATE", "TRY_LATER"
        return "TOTAL-PASSED", None
    sub = _CERTIFICATE_SUBS.get(result.code, "CERTIFICATE_CHAIN_GENERAL_FAILURE")
    return ("TOTAL-FAILED" if sub == "SIG_CRYPTO_FAILURE" else "INDETERMINATE"), sub
