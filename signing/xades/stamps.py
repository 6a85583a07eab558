"""Validation of ``xades:SignatureTimeStamp`` tokens: the proof of when the signature existed.

A token counts only when all of these hold (RFC 3161, EN 319 132-1 5.3, EN 319 102-1 5.4):
the imprint equals the digest of the ``ds:SignatureValue`` element canonicalised as the
token's ``ds:CanonicalizationMethod`` says; the CMS signature verifies with the TSA's
certificate (same code as applicants' CMS, :mod:`signing.cms`); that certificate is for time
stamping (extendedKeyUsage id-kp-timeStamping) and chains to the caller's trust anchors at
the token's genTime, not revoked.  A token that fails is ignored for the signature's time --
it proves nothing -- and the failure is reported as a problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from signing.result import Code
from signing.tokens import read_token, token_problem
from signing.xades.canon import UnknownCanonicalizationError, canonicalize
from signing.xades.judge import CertificateJudge


@dataclass
class StampOutcome:
    best_time: datetime | None = None  # genTime of the earliest token that holds
    problems: list[str] = field(default_factory=list)


async def _one(
    signature_value: etree._Element,
    c14n: str,
    token: bytes,
    judge: CertificateJudge,
    extra_certs: Sequence[bytes],
    crls: Sequence[bytes],
    ocsps: Sequence[bytes],
) -> datetime:
    """genTime of a token that holds; raises ``ValueError`` saying why it does not."""
    info = read_token(token)
    try:
        message = canonicalize(signature_value, c14n)
    except UnknownCanonicalizationError as exc:
        raise ValueError(str(exc)) from exc
    problem = token_problem(info, message, judge.registry, "ds:SignatureValue")
    if problem is not None:
        raise ValueError(problem)
    verdict = await judge.judge(
        info.cms.signer_cert_der,
        purpose=None,
        at=info.gen_time,
        intermediates=[*info.cms.other_certs_der, *extra_certs],
        crls=crls,
        ocsps=ocsps,
    )
    if verdict.result.code is not Code.OK or verdict.result.revocation.status == "revoked":
        raise ValueError(f"TSA certificate: {verdict.result.code}: {verdict.result.message}")
    return info.gen_time


async def validate_timestamps(
    signature_value: etree._Element,
    stamps: Sequence[tuple[str, bytes]],
    judge: CertificateJudge,
    *,
    extra_certs: Sequence[bytes] = (),
    crls: Sequence[bytes] = (),
    ocsps: Sequence[bytes] = (),
) -> StampOutcome:
    """The earliest genTime among the tokens that hold, and why the others do not."""
    outcome = StampOutcome()
    for c14n, token in stamps:
        try:
            moment = await _one(signature_value, c14n, token, judge, extra_certs, crls, ocsps)
        except (ValueError, TypeError, KeyError) as exc:
            outcome.problems.append(f"signature timestamp rejected: {exc}")
            continue
        if outcome.best_time is None or moment < outcome.best_time:
            outcome.best_time = moment
    return outcome
