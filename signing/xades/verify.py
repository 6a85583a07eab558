"""``verify_xml``: the report on a signed XML document (XAdES B-B/B-T/B-LT, or plain XMLDSig).

Steps, each reusing what :mod:`signing` already has:

1. parse with :func:`signing.xmldsig.parse_xml` (safe parser, exactly one ``ds:Signature``,
   signer certificate = first ``X509Certificate``);
2. the signature itself (:mod:`signing.xades.signature`): references, SignedProperties
   and SigningCertificateV2, the signature value -- coverage and "modified after signing";
3. signature timestamps (:mod:`signing.xades.stamps`): the earliest one that holds is the
   proof of existence (POE) and the reported ``timestamp_time``;
4. the signer's certificate (:mod:`signing.xades.judge`) at the POE (now without one):
   path to ``trust``, key usage, IIN/BIN, revocation -- from ``xades:RevocationValues``
   alone when they suffice, else fetched when ``allow_fetching``;
5. indication and sub-indication (:mod:`signing.xades.indication`).

``level`` is the level the document *achieves*, not the one it claims: B-T needs a
timestamp that holds, B-LT additionally ``CertificateValues`` and ``RevocationValues`` that
settle the signer's chain without the network.  A plain XMLDSig signature has no level.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from asn1crypto import x509

from signing import xmldsig
from signing.identity import dn_text
from signing.policy import VerificationPolicy
from signing.report import (
    DocumentReport,
    Indication,
    Level,
    SignatureReport,
    SignerReport,
    signer_of,
    unprocessable,
)
from signing.result import Code, VerificationResult
from signing.revocation.fetch import FetchLimits
from signing.xades.indication import SIGNATURE_INDICATIONS, certificate_indication
from signing.xades.judge import CertificateJudge
from signing.xades.names import NS
from signing.xades.properties import UnsignedValues, claimed_signing_time, read_unsigned
from signing.xades.signature import check_signature, is_xades
from signing.xades.stamps import validate_timestamps


def _failed(sub: str, problem: str) -> DocumentReport:
    report = unprocessable(sub, problem, coverage="none")
    return DocumentReport(format="xml", valid=False, signatures=[report])


def _signer(result: VerificationResult, cert_der: bytes) -> SignerReport | None:
    identity = result.identity
    if identity is None:
        return None
    serial, issuer = result.serial, result.issuer
    if serial is None or issuer is None:
        cert = x509.Certificate.load(cert_der)
        serial, issuer = format(cert.serial_number, "X"), dn_text(cert.issuer)
    return signer_of(identity, serial, issuer)


def _level(
    xades: bool, poe: datetime | None, values: UnsignedValues, embedded_sufficient: bool
) -> Level | None:
    if not xades:
        return None
    if poe is None:
        return "B-B"
    if values.has_certificate_values and values.has_revocation_values and embedded_sufficient:
        return "B-LT"
    return "B-T"


async def verify_xml(
    data: bytes,
    *,
    trust: Sequence[x509.Certificate],
    allow_fetching: bool = True,
    test_pki: bool = False,
    intermediates: Sequence[x509.Certificate] = (),
    limits: FetchLimits | None = None,
    policy: VerificationPolicy | None = None,
) -> DocumentReport:
    """Verify the signature of an XML document against the trust anchors ``trust``.

    ``allow_fetching=False`` verifies with what the document carries only (a B-LT
    document still verifies fully).  ``test_pki`` accepts the NCA test IIN/BIN numbers.
    ``intermediates`` are CA certificates we know in advance; ``limits`` bound the fetching
    (:mod:`signing.revocation.fetch`).  ``policy`` brings the deployment's revocation
    sources (preloaded CRLs, URL rewrites, offline) and algorithm flags, as intake has them.
    Never raises for bad input: a broken document is a TOTAL-FAILED/FORMAT_FAILURE report.
    """
    try:
        parsed = xmldsig.parse_xml(data)
    except xmldsig.XmlError as exc:
        if exc.message.endswith("found 0"):
            return DocumentReport(format="xml", valid=False, signatures=[])
        return _failed("FORMAT_FAILURE", exc.message)
    signature = parsed.root.find(".//ds:Signature", NS)
    value = signature.find("ds:SignatureValue", NS) if signature is not None else None
    if signature is None or value is None:
        return _failed("FORMAT_FAILURE", "ds:SignatureValue missing")
    try:
        values = read_unsigned(signature)
    except ValueError as exc:
        return _failed("FORMAT_FAILURE", str(exc))
    claimed = claimed_signing_time(signature)
    xades = is_xades(parsed)
    problems: list[str] = []
    certs = [*parsed.other_certs_der, *values.certificates]
    judge_of = CertificateJudge(
        trust,
        allow_fetching=allow_fetching,
        test_pki=test_pki,
        intermediates=intermediates,
        limits=limits,
        policy=policy,
    )
    async with judge_of as judge:
        stamps = await validate_timestamps(
            value, values.timestamps, judge, extra_certs=certs, crls=values.crls, ocsps=values.ocsps
        )
        problems.extend(stamps.problems)
        poe = stamps.best_time
        verdict = await judge.judge(
            parsed.signer_cert_der,
            purpose="sign",
            at=poe,
            intermediates=certs,
            crls=values.crls,
            ocsps=values.ocsps,
        )
    result = verdict.result
    algorithm_problems = xmldsig.algorithm_findings(
        parsed, policy.gost2015_256 if policy is not None else False
    )
    check = check_signature(
        parsed,
        xmldsig.within_validity(poe or datetime.now(UTC), result.not_before, result.not_after),
    )
    indication: Indication
    sub: str | None
    if check.sub_indication is not None:
        indication, sub = SIGNATURE_INDICATIONS[check.sub_indication], check.sub_indication
        problems.insert(0, check.problem or check.sub_indication)
    elif algorithm_problems:
        indication, sub = "INDETERMINATE", "CRYPTO_CONSTRAINTS_FAILURE_NO_POE"
        problems.insert(0, algorithm_problems[0][1])
    else:
        indication, sub = certificate_indication(result, poe=poe, claimed=claimed)
        if sub is not None and result.message:
            label = "revocation" if result.code is Code.OK else str(result.code)
            problems.insert(0, f"{label}: {result.message}")
    report = SignatureReport(
        valid=indication == "TOTAL-PASSED",
        indication=indication,
        sub_indication=sub,
        level=_level(xades, poe, values, verdict.embedded_sufficient),
        signer=_signer(result, parsed.signer_cert_der),
        signing_time=claimed,
        timestamp_time=poe,
        revocation=result.revocation.status,
        coverage=check.coverage,
        modified_after_signing=check.modified,
        problems=problems,
    )
    return DocumentReport(format="xml", valid=report.valid, signatures=[report])
