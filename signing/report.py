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

from signing.result import RevocationStatus

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


class DocumentReport(msgspec.Struct, frozen=True, kw_only=True):
    format: Literal["pdf", "xml"]
    valid: bool  # at least one signature, and every signature TOTAL-PASSED
    signatures: list[SignatureReport]
