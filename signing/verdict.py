"""A certificate's verdict and the verification result built from it.

A :class:`CertVerdict` is everything about a certificate that does not depend on the request;
the verifier caches it.  :func:`verification_result` adds what does depend on the request --
the signature's findings, the key purpose asked for, the IIN/BIN the applicant declared -- and
reports the first failing check in the fixed order of :data:`signing.result.CODE_ORDER`.  It runs
on every (warm) verification: keep it free of needless calls and allocations.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asn1crypto import x509

from signing.identity import dn_text, purpose_problem
from signing.numbers import NumberCheck, check_bin, check_iin
from signing.result import (
    ChainEntry,
    Code,
    Identity,
    KeyPurpose,
    Revocation,
    VerificationResult,
    VerifiedKind,
    first_failure,
)

_VALID = NumberCheck.OK  # short enough for one-line checks below

# Negative verdicts that are properties of the certificate itself, remembered briefly.
# "untrusted" is not among them: it may depend on intermediates sent with one request.
CACHEABLE_NEGATIVE = frozenset(
    {
        Code.MALFORMED,
        Code.UNSUPPORTED_ALGORITHM,
        Code.WEAK_ALGORITHM,
        Code.EXPIRED,
        Code.NOT_YET_VALID,
        Code.REVOKED,
    }
)


# Verdicts reached before the certificate's public key is loaded: no signature check can follow,
# and the verdict itself outranks whatever that check would say.
KEYLESS_VERDICTS = frozenset({Code.MALFORMED, Code.UNSUPPORTED_ALGORITHM, Code.WEAK_ALGORITHM})


@dataclass(frozen=True, slots=True)
class CertVerdict:
    """Everything request-independent about one certificate at one moment."""

    code: Code
    message: str
    identity: Identity | None
    is_ca: bool
    serial: str | None
    issuer: str | None
    not_before: datetime | None
    not_after: datetime | None
    chain: tuple[ChainEntry, ...]
    revocation: Revocation
    public_key: Any
    spki_der: bytes
    validation_time: datetime
    expires_at: float  # time.time() seconds


def hex_serial(serial: int) -> str:
    return format(serial, "X")


def chain_entry(cert: x509.Certificate) -> ChainEntry:
    return ChainEntry(
        subject=dn_text(cert.subject),
        issuer=dn_text(cert.issuer),
        serial=hex_serial(cert.serial_number),
        not_before=cert.not_valid_before,
        not_after=cert.not_valid_after,
        sha256=hashlib.sha256(cert.dump()).hexdigest(),
    )


def number_findings(
    identity: Identity, expect_iin: str | None, expect_bin: str | None, test_pki: bool
) -> list[tuple[Code, str]]:
    """The certificate's IIN/BIN checksums, then the declared numbers and their match."""
    numbers = (
        _Number("IIN", check_iin, identity.iin, expect_iin, Code.INVALID_IIN, Code.IIN_MISMATCH),
        _Number("BIN", check_bin, identity.bin, expect_bin, Code.INVALID_BIN, Code.BIN_MISMATCH),
    )
    findings: list[tuple[Code, str]] = []
    for number in numbers:
        held = _VALID if number.held is None else number.check(number.held, test_pki=test_pki)
        if held is not _VALID:
            findings.append((number.invalid, f"certificate {number.name} {number.held}: {held}"))
    for number in numbers:
        if number.expected is None:
            continue
        status = number.check(number.expected, test_pki=test_pki)
        if status is not _VALID:
            findings.append((number.invalid, f"declared {number.name} {number.expected}: {status}"))
        elif number.held != number.expected:  # also when the certificate carries none
            findings.append((number.mismatch, _mismatch(number.name, number.held)))
    return findings


@dataclass(frozen=True)
class _Number:
    """An IIN or a BIN: how it is checked, the certificate's, the declared one, the codes."""

    name: str
    check: Callable[..., NumberCheck]
    held: str | None
    expected: str | None
    invalid: Code
    mismatch: Code


def _mismatch(number: str, held: str | None) -> str:
    if held is None:
        return f"the certificate carries no {number}"
    return f"declared {number} differs from the certificate's"


def verification_result(
    verdict: CertVerdict,
    findings: list[tuple[Code, str]],
    kind: VerifiedKind,
    purpose: KeyPurpose | None,
    expect_iin: str | None,
    expect_bin: str | None,
    test_pki: bool,
    signing_time: datetime | None = None,
) -> VerificationResult:
    """The result of one verification: the verdict with the request's own findings."""
    all_findings = list(findings)
    if verdict.code is not Code.OK:
        all_findings.append((verdict.code, verdict.message))
    identity = verdict.identity
    if identity is not None:
        if purpose is not None:
            problem = purpose_problem(identity, purpose, verdict.is_ca)
            if problem is not None:
                all_findings.append((Code.WRONG_KEY_USAGE, problem))
        all_findings.extend(number_findings(identity, expect_iin, expect_bin, test_pki))
    code, message = first_failure(all_findings)
    if code is Code.OK and verdict.message:
        message = verdict.message  # e.g. soft-fail revocation note
    return VerificationResult(
        valid=code is Code.OK,
        code=code,
        message=message,
        kind=kind,
        identity=identity,
        serial=verdict.serial,
        issuer=verdict.issuer,
        not_before=verdict.not_before,
        not_after=verdict.not_after,
        revocation=verdict.revocation,
        chain=verdict.chain,
        validation_time=verdict.validation_time,
        signing_time=signing_time,
    )
