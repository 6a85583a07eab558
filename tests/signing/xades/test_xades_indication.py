"""The ETSI indication rules for the signer's certificate verdict (a pure function)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from signing.result import ChainEntry, Code, Revocation, VerificationResult
from signing.xades.indication import certificate_indication

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
LEAF = "CN=ТЕСТОВ ТЕСТ"


def _result(code: Code, status: str = "good", subject: str | None = None) -> VerificationResult:
    entry = ChainEntry(
        subject=LEAF,
        issuer="CN=ҰКО",
        serial="1",
        not_before=NOW - timedelta(days=30),
        not_after=NOW + timedelta(days=300),
        sha256="00",
    )
    revocation = Revocation(
        status=status,  # type: ignore[arg-type]
        revoked_at=NOW - timedelta(days=2) if status == "revoked" else None,
        subject=subject,
    )
    return VerificationResult(
        valid=code is Code.OK, code=code, revocation=revocation, chain=(entry,)
    )


def test_revoked_before_poe_and_claimed_time_is_total_failed() -> None:
    result = _result(Code.REVOKED, "revoked", LEAF)
    assert certificate_indication(result, poe=NOW, claimed=NOW) == ("TOTAL-FAILED", "REVOKED")


def test_revoked_without_poe_or_with_an_earlier_claim_is_indeterminate() -> None:
    result = _result(Code.REVOKED, "revoked", LEAF)
    expected = ("INDETERMINATE", "REVOKED_NO_POE")
    assert certificate_indication(result, poe=None, claimed=NOW) == expected
    earlier = NOW - timedelta(days=3)
    assert certificate_indication(result, poe=NOW, claimed=earlier) == expected


def test_revoked_ca() -> None:
    result = _result(Code.REVOKED, "revoked", "CN=ҰКО")
    assert certificate_indication(result, poe=NOW, claimed=NOW) == (
        "INDETERMINATE",
        "REVOKED_CA_NO_POE",
    )


def test_other_verdicts() -> None:
    assert certificate_indication(_result(Code.OK), poe=None, claimed=None) == (
        "TOTAL-PASSED",
        None,
    )
    assert certificate_indication(_result(Code.OK, "unknown"), poe=None, claimed=None) == (
        "INDETERMINATE",
        "TRY_LATER",
    )
    assert certificate_indication(_result(Code.EXPIRED), poe=None, claimed=None) == (
        "INDETERMINATE",
        "OUT_OF_BOUNDS_NO_POE",
    )
    assert certificate_indication(_result(Code.WRONG_KEY_USAGE), poe=None, claimed=None) == (
        "INDETERMINATE",
        "CHAIN_CONSTRAINTS_FAILURE",
    )
