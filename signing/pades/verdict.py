"""From pyHanko's validation status to the ETSI-style verdict of one PDF signature.

Pure mapping, no I/O.  Order (first failing check wins), after ETSI EN 319 102-1:

1. bytes changed inside the signed range -> TOTAL-FAILED / HASH_FAILURE;
2. signature value does not verify -> TOTAL-FAILED / SIG_CRYPTO_FAILURE;
3. signer certificate revoked -> TOTAL-FAILED / REVOKED when a trusted signature timestamp
   proves the signature was made after the revocation, else INDETERMINATE / REVOKED_NO_POE;
4. no trusted path -> INDETERMINATE with pyHanko's sub-indication
   (NO_CERTIFICATE_CHAIN_FOUND, TRY_LATER when revocation data could not be had, ...);
5. the signature covers an odd part of the file -> TOTAL-FAILED / FORMAT_FAILURE;
6. later revisions change more than signature maintenance (DSS, document timestamps, form
   filling) allows -> INDETERMINATE / SIG_CONSTRAINTS_FAILURE;
7. a timestamp that is present but broken or untrusted -> INDETERMINATE / the timestamp's
   sub-indication (or SIG_CRYPTO_FAILURE);
8. otherwise TOTAL-PASSED.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel

from signing.report import Indication
from signing.result import RevocationStatus

COVERAGE: dict[SignatureCoverageLevel, str] = {
    SignatureCoverageLevel.ENTIRE_FILE: "entire_document",
    SignatureCoverageLevel.ENTIRE_REVISION: "entire_revision",
}
# Later revisions that do not count as "modified after signing": signature maintenance (DSS,
# document timestamps) and what pyHanko calls form filling -- which is how further signatures
# (a co-signer, an approval) are classified, and which the default DocMDP permission allows.
_BENIGN = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)


def coverage_of(status: PdfSignatureStatus) -> str:
    return COVERAGE.get(status.coverage, "partial") if status.coverage is not None else "partial"


def modified_after_signing(status: PdfSignatureStatus) -> bool:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return False
    level = status.modification_level
    return level is None or level not in _BENIGN


def revocation_of(status: PdfSignatureStatus) -> RevocationStatus:
    if status.revoked:
        return "revoked"
    if status.trusted:
        return "good"
    if status.trust_problem_indic is AdESIndeterminate.TRY_LATER:
        return "unknown"
    return "not_checked"


def timestamp_time(status: PdfSignatureStatus) -> datetime | None:
    validity = status.timestamp_validity
    if validity is None:
        return None
    moment: datetime = validity.timestamp
    return moment


def _timestamp_ok(status: PdfSignatureStatus) -> bool:
    validity = status.timestamp_validity
    return validity is not None and bool(validity.intact and validity.valid and validity.trusted)


def _sub(indic: Any, default: str) -> str:
    return str(indic.name) if indic is not None else default


def verdict(status: PdfSignatureStatus) -> tuple[Indication, str | None, list[str]]:
    """(indication, sub-indication, human-readable problems) for one signature."""
    problems: list[str] = []
    if not status.intact:
        return "TOTAL-FAILED", "HASH_FAILURE", ["the signed bytes were changed"]
    if not status.valid:
        return "TOTAL-FAILED", "SIG_CRYPTO_FAILURE", ["the signature value does not verify"]
    if status.revoked:
        details = status.revocation_details
        revoked_at = details.revocation_date if details is not None else None
        problems.append(
            f"signer certificate revoked at {revoked_at.isoformat()}"
            if revoked_at is not None
            else "signer certificate revoked"
        )
        stamped = timestamp_time(status)
        if (
            _timestamp_ok(status)
            and stamped is not None
            and revoked_at is not None
            and revoked_at <= stamped
        ):
            return "TOTAL-FAILED", "REVOKED", problems
        return "INDETERMINATE", "REVOKED_NO_POE", problems
    if not status.trusted:
        sub = _sub(status.trust_problem_indic, "NO_CERTIFICATE_CHAIN_FOUND")
        return "INDETERMINATE", sub, ["the signer's certificate could not be validated"]
    if status.coverage is None or status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        return "TOTAL-FAILED", "FORMAT_FAILURE", ["the signature does not cover its revision"]
    if status.docmdp_ok is False or (
        modified_after_signing(status) and status.modification_level is None
    ):
        return (
            "INDETERMINATE",
            "SIG_CONSTRAINTS_FAILURE",
            ["the document was modified after signing beyond what the signature permits"],
        )
    if status.timestamp_validity is not None and not _timestamp_ok(status):
        validity = status.timestamp_validity
        sub = (
            "SIG_CRYPTO_FAILURE"
            if not (validity.intact and validity.valid)
            else _sub(validity.trust_problem_indic, "NO_CERTIFICATE_CHAIN_FOUND")
        )
        return "INDETERMINATE", sub, ["the signature timestamp is not valid"]
    return "TOTAL-PASSED", None, problems
