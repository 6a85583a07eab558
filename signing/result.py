"""The one result type every verification returns, and the order of its codes.

A verification runs many checks; the caller gets the *first failing one in a fixed order*
(``CODE_ORDER``) so that the same input always yields the same code, whatever order the checks
happened to run in internally (several are cached or skipped on the warm path).  Everything
is a frozen msgspec Struct so results encode to JSON without adapters and cached parts (the
identity, the chain summary) can be shared between results safely.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime
from typing import Literal

import msgspec


class Code(enum.StrEnum):
    OK = "ok"
    MALFORMED = "malformed"
    UNSUPPORTED_ALGORITHM = "unsupported_algorithm"
    WEAK_ALGORITHM = "weak_algorithm"
    UNTRUSTED = "untrusted"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    REVOCATION_UNKNOWN = "revocation_unknown"
    SIGNATURE_INVALID = "signature_invalid"
    WRONG_KEY_USAGE = "wrong_key_usage"
    INVALID_IIN = "invalid_iin"
    INVALID_BIN = "invalid_bin"
    IIN_MISMATCH = "iin_mismatch"
    BIN_MISMATCH = "bin_mismatch"


CODE_ORDER: tuple[Code, ...] = (
    Code.MALFORMED,
    Code.UNSUPPORTED_ALGORITHM,
    Code.WEAK_ALGORITHM,
    Code.UNTRUSTED,
    Code.EXPIRED,
    Code.NOT_YET_VALID,
    Code.REVOKED,
    Code.REVOCATION_UNKNOWN,
    Code.SIGNATURE_INVALID,
    Code.WRONG_KEY_USAGE,
    Code.INVALID_IIN,
    Code.INVALID_BIN,
    Code.IIN_MISMATCH,
    Code.BIN_MISMATCH,
)
_RANK = {code: index for index, code in enumerate(CODE_ORDER)}
_RANK[Code.OK] = len(CODE_ORDER)


def first_failure(findings: Iterable[tuple[Code, str]]) -> tuple[Code, str]:
    """The finding that comes first in ``CODE_ORDER``; ``(OK, "")`` when there is none."""
    best: tuple[Code, str] = (Code.OK, "")
    for code, message in findings:
        if _RANK[code] < _RANK[best[0]]:
            best = (code, message)
    return best


SubjectKind = Literal["individual", "legal_entity", "unknown"]
KeyPurpose = Literal["sign", "auth", "unknown"]
RevocationStatus = Literal["good", "revoked", "unknown", "not_checked"]
RevocationSource = Literal["crl", "ocsp"]
VerifiedKind = Literal["certificate", "cms_detached", "cms_attached", "xmldsig"]


class Identity(msgspec.Struct, frozen=True, kw_only=True):
    """Who the certificate names, as an NCA RK relying party reads it."""

    iin: str | None = None
    bin: str | None = None
    common_name: str | None = None
    surname: str | None = None
    given_name: str | None = None
    organization: str | None = None
    email: str | None = None
    country: str | None = None
    subject_kind: SubjectKind = "unknown"
    key_purpose: KeyPurpose = "unknown"
    roles: tuple[str, ...] = ()
    policies: tuple[str, ...] = ()
    key_usage: tuple[str, ...] = ()
    extended_key_usage: tuple[str, ...] = ()


class Revocation(msgspec.Struct, frozen=True, kw_only=True):
    """Revocation verdict for the path; ``subject`` names the revoked certificate if any."""

    status: RevocationStatus = "not_checked"
    source: RevocationSource | None = None
    checked_at: datetime | None = None
    next_update: datetime | None = None
    revoked_at: datetime | None = None
    reason: str | None = None
    subject: str | None = None


class ChainEntry(msgspec.Struct, frozen=True, kw_only=True):
    subject: str
    issuer: str
    serial: str
    not_before: datetime
    not_after: datetime
    sha256: str


class VerificationResult(msgspec.Struct, frozen=True, kw_only=True):
    valid: bool
    code: Code
    message: str = ""
    kind: VerifiedKind = "certificate"
    identity: Identity | None = None
    serial: str | None = None
    issuer: str | None = None
    not_before: datetime | None = None
    not_after: datetime | None = None
    revocation: Revocation = Revocation()
    chain: tuple[ChainEntry, ...] = ()
    validation_time: datetime | None = None
    signing_time: datetime | None = None


def malformed(message: str, kind: VerifiedKind = "certificate") -> VerificationResult:
    return VerificationResult(valid=False, code=Code.MALFORMED, message=message, kind=kind)


_encoder = msgspec.json.Encoder()


def to_json(result: VerificationResult) -> bytes:
    return _encoder.encode(result)
