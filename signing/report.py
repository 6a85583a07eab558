"""The report on a signed document (PDF with PAdES, XML with XAdES): what anyone verifying it sees.

Indications follow ETSI EN 319 102-1: ``TOTAL-PASSED``, ``TOTAL-FAILED`` or ``INDETERMINATE``
with a sub-indication (``HASH_FAILURE``, ``SIG_CRYPTO_FAILURE``, ``REVOKED``,
``NO_CERTIFICATE_CHAIN_FOUND``, ``OUT_OF_BOUNDS_NO_POE``, ``TRY_LATER``, ``FORMAT_FAILURE``,
``NO_SIGNING_CERTIFICATE_FOUND``, ``SIG_CONSTRAINTS_FAILURE``, ...).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec

from signing.result import Identity, RevocationStatus

Indication = Literal["TOTAL-PASSED", "TOTAL-FAILED", "INDETERMINATE"]
Level = Literal["B-B", "B-T", "B-LT", "B-LTA"]


class SignerReport(msgspec.Struct, frozen=True, kw_only=True):
    """Who signed: the NCA identity read from the signing certificate."""

    name: str | None
    iin: str | None
    bin: str | None
    organisation: str | None
    roles: list[str]
    certificate_serial: str
    issuer: str


def signer_of(identity: Identity, serial: str, issuer: str) -> SignerReport:
    """The report's signer: ``identity`` read from the certificate with that serial and issuer."""
    return SignerReport(
        name=identity.common_name,
        iin=identity.iin,
        bin=identity.bin,
        organisation=identity.organization,
        roles=list(identity.roles),
        certificate_serial=serial,
        issuer=issuer,
    )


class SignatureReport(msgspec.Struct, frozen=True, kw_only=True):
    valid: bool
    indication: Indication
    sub_indication: str | None
    level: Level | None
    signer: SignerReport | None
    signing_time: datetime | None
    timestamp_time: datetime | None
    revocation: RevocationStatus
    # What the signature covers: "entire_document", "entire_revision" (later incremental
    # updates exist), "partial"; for XML, the referenced parts ("document" = whole root).
    coverage: str
    modified_after_signing: bool
    problems: list[str] = []


def unprocessable(sub_indication: str, problem: str, *, coverage: str) -> SignatureReport:
    """A signature that failed before anything about it could be established (its structure
    or its algorithm): no signer, no times, revocation not checked."""
    return SignatureReport(
        valid=False,
        indication="TOTAL-FAILED",
        sub_indication=sub_indication,
        level=None,
        signer=None,
        signing_time=None,
        timestamp_time=None,
        revocation="not_checked",
        coverage=coverage,
        modified_after_signing=False,
        problems=[problem],
    )


class DocumentReport(msgspec.Struct, frozen=True, kw_only=True):
    format: Literal["pdf", "xml"]
    valid: bool  # at least one signature, and every signature TOTAL-PASSED
    signatures: list[SignatureReport]
